namespace Incidents.Grains.Storage;

/// <summary>
/// The ids of the alerts and events a grain saw last, oldest first, so that a redelivered one counts once.
/// An id is the source's own where it has one, else the content fingerprint: two items with their own distinct ids
/// are two, however alike (Windows writes several identical logons in one millisecond).
/// Bounded: past the capacity the oldest quarter is forgotten at once, which keeps trimming cheap.
/// </summary>
internal sealed class SeenKeys(List<string> keys, int capacity)
{
    // Most hosts of a large estate see a handful of alerts: below this many ids a scan of the list beats a hash set's
    // ~170 bytes a grain (a million grains: 0.17 GB).
    private const int ScannedUpTo = 16;

    private HashSet<string>? _set = keys.Count > ScannedUpTo ? new(keys, StringComparer.Ordinal) : null;

    public bool Contains(string key) => _set?.Contains(key) ?? keys.Contains(key, StringComparer.Ordinal);

    /// <summary>
    /// The items not seen before, nor earlier in the same batch; <paramref name="isNew"/> says which, in order.
    /// Remembers nothing: call <see cref="Add"/> once the items are safely handled.
    /// </summary>
    public List<T> SelectNew<T>(IReadOnlyList<T> items, Func<T, string> id, out bool[] isNew)
    {
        isNew = new bool[items.Count];
        var fresh = new List<T>();
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var itemId = id(items[i]);
            if (!Contains(itemId) && inBatch.Add(itemId))
            {
                isNew[i] = true;
                fresh.Add(items[i]);
            }
        }

        return fresh;
    }

    public void Add(string key)
    {
        if (_set is null)
        {
            if (keys.Contains(key, StringComparer.Ordinal))
            {
                return;
            }

            keys.Add(key);
            if (keys.Count > ScannedUpTo)
            {
                _set = new HashSet<string>(keys, StringComparer.Ordinal);
            }
        }
        else if (_set.Add(key))
        {
            keys.Add(key);
        }
        else
        {
            return;
        }

        if (keys.Count > capacity)
        {
            var forget = Math.Max(1, capacity / 4);
            for (var i = 0; i < forget; i++)
            {
                _set?.Remove(keys[i]);
            }

            keys.RemoveRange(0, forget);
        }
    }
}

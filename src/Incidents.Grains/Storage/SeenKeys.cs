namespace Incidents.Grains.Storage;

/// <summary>
/// The ids and fingerprints of the alerts and events a grain saw last, oldest first, so that a redelivered one counts once.
/// Bounded: past the capacity the oldest quarter is forgotten at once, which keeps trimming cheap.
/// </summary>
internal sealed class SeenKeys(List<string> keys, int capacity)
{
    private readonly HashSet<string> _set = new(keys, StringComparer.Ordinal);

    public bool Contains(string key) => _set.Contains(key);

    /// <summary>
    /// The items not seen before, by id or fingerprint, nor earlier in the same batch; <paramref name="isNew"/> says
    /// which, in order. Remembers nothing: call <see cref="Remember"/> once the items are safely handled.
    /// </summary>
    public List<T> SelectNew<T>(IReadOnlyList<T> items, Func<T, string> id, Func<T, string> fingerprint, out bool[] isNew)
    {
        isNew = new bool[items.Count];
        var fresh = new List<T>();
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var (itemId, itemFingerprint) = (id(items[i]), fingerprint(items[i]));
            if (Contains(itemId) || Contains(itemFingerprint) || inBatch.Contains(itemId) || inBatch.Contains(itemFingerprint))
            {
                continue;
            }

            inBatch.Add(itemId);
            inBatch.Add(itemFingerprint);
            isNew[i] = true;
            fresh.Add(items[i]);
        }

        return fresh;
    }

    public void Remember(string id, string fingerprint)
    {
        Add(id);
        Add(fingerprint);
    }

    public void Add(string key)
    {
        if (!_set.Add(key))
        {
            return;
        }

        keys.Add(key);
        if (keys.Count > capacity)
        {
            var forget = Math.Max(1, capacity / 4);
            for (var i = 0; i < forget; i++)
            {
                _set.Remove(keys[i]);
            }

            keys.RemoveRange(0, forget);
        }
    }
}

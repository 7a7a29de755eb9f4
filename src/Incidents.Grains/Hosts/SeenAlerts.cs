namespace Incidents.Grains.Hosts;

/// <summary>
/// The alert ids and fingerprints a host saw last, oldest first, so that a redelivered alert counts once.
/// Bounded: past the capacity the oldest quarter is forgotten at once, which keeps trimming cheap.
/// </summary>
internal sealed class SeenAlerts(List<string> keys, int capacity)
{
    private readonly HashSet<string> _set = new(keys, StringComparer.Ordinal);

    public bool Contains(string key) => _set.Contains(key);

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

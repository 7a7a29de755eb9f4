namespace Incidents.Grains.Ingest;

/// <summary>
/// A batch of alerts or events grouped by the host grains that must see them: one call per host per batch.
/// Repeats within the batch (same id) are counted here; the primary host's answer says whether
/// each of the others was new.
/// </summary>
internal sealed class HostBatches<T>
{
    private readonly List<(string Host, int Slot)> _primarySlots = [];

    private HostBatches()
    {
    }

    public Dictionary<string, List<T>> ByHost { get; } = new(StringComparer.Ordinal);

    public int RepeatedInBatch { get; private set; }

    public static HostBatches<T> Group(IEnumerable<T> items, Func<T, string> id, Func<T, IReadOnlyList<string>> hosts)
    {
        var batches = new HostBatches<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.Add(id(item)))
            {
                batches.RepeatedInBatch++;
                continue;
            }

            var itemHosts = hosts(item);
            for (var h = 0; h < itemHosts.Count; h++)
            {
                if (!batches.ByHost.TryGetValue(itemHosts[h], out var batch))
                {
                    batches.ByHost[itemHosts[h]] = batch = [];
                }

                if (h == 0)
                {
                    batches._primarySlots.Add((itemHosts[h], batch.Count));
                }

                batch.Add(item);
            }
        }

        return batches;
    }

    /// <summary>Calls every host's grain at once and counts, by the primary hosts' answers, what was new.</summary>
    public async Task<(int Accepted, int Duplicates)> Deliver(Func<string, T[], Task<bool[]>> deliver)
    {
        var answers = await Task.WhenAll(ByHost.Select(async pair => (pair.Key, IsNew: await deliver(pair.Key, [.. pair.Value]))));
        var isNewByHost = answers.ToDictionary(a => a.Key, a => a.IsNew, StringComparer.Ordinal);
        var accepted = _primarySlots.Count(p => isNewByHost[p.Host][p.Slot]);
        return (accepted, RepeatedInBatch + _primarySlots.Count - accepted);
    }
}

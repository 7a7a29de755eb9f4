using Incidents.Contracts.Intel;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Intel;

/// <summary>One shard of a tenant's exact indicators (<see cref="IIntelShardGrain"/>): an import is one write here.</summary>
public sealed class IntelShardGrain(
    [PersistentState("intel", StorageNames.Lists)] IPersistentState<IntelShardState> state) : Grain, IIntelShardGrain
{
    public async Task<int?> Put(Indicator[] indicators)
    {
        var added = IntelShelf.Put(state.State.Indicators, indicators, IntelBook.ShardCapacity);
        if (added is null)
        {
            return null;
        }

        await SoleWriter.WriteAsync(state);
        if (indicators.Length > 0)
        {
            // The retro-hunt: the watch shard of the same number holds the incidents' values that hash here.
            var (tenant, _) = TenantScoped.Split(this.GetPrimaryKeyString());
            GrainFactory.GetGrain<IIntelWatchGrain>(IntelBook.WatchKey(tenant, IntelBook.Shard(indicators[0].Key)))
                .Named([.. indicators.Select(i => i.Key).Distinct(StringComparer.Ordinal)]).Ignore();
        }

        return state.State.Indicators.Count;
    }

    public Task<Indicator[]> Find(string[] keys) =>
        Task.FromResult(keys.SelectMany(k => state.State.Indicators.GetValueOrDefault(k) ?? []).ToArray());
}

[GenerateSerializer, Alias("Incidents.IntelShardState")]
public sealed class IntelShardState
{
    /// <summary>By lookup key; one per source under each.</summary>
    [Id(0)] public Dictionary<string, List<Indicator>> Indicators { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>How indicators are kept, without storage: one per key and source, the newest import winning; bounded.</summary>
public static class IntelShelf
{
    /// <summary>Adds or replaces; returns how many keys were new, or null (and changes nothing) when they would not fit.</summary>
    public static int? Put(Dictionary<string, List<Indicator>> shelf, IReadOnlyList<Indicator> indicators, int capacity)
    {
        var newKeys = indicators.Select(i => i.Key).Distinct(StringComparer.Ordinal).Count(k => !shelf.ContainsKey(k));
        if (shelf.Count + newKeys > capacity)
        {
            return null;
        }

        foreach (var indicator in indicators)
        {
            if (!shelf.TryGetValue(indicator.Key, out var held))
            {
                shelf[indicator.Key] = held = [];
            }

            held.RemoveAll(h => h.Source == indicator.Source);
            held.Add(indicator);
        }

        return newKeys;
    }
}

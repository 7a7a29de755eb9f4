using Incidents.Contracts.Intel;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Intel;

/// <summary>A tenant's network indicators (<see cref="IIntelNetworksGrain"/>), which silos copy to match addresses.</summary>
public sealed class IntelNetworksGrain(
    [PersistentState("intel-networks", StorageNames.Lists)] IPersistentState<IntelShardState> state) : Grain, IIntelNetworksGrain
{
    public async Task<int?> Put(Indicator[] networks)
    {
        if (IntelShelf.Put(state.State.Indicators, networks, IntelBook.MaxNetworks) is null)
        {
            return null;
        }

        await SoleWriter.WriteAsync(state);

        // The retro-hunt: every watch shard looks for the incidents' addresses inside these networks.
        var (tenant, _) = TenantScoped.Split(this.GetPrimaryKeyString());
        string[] named = [.. networks.Select(n => n.Value).Distinct(StringComparer.Ordinal)];
        for (var shard = 0; shard < IntelBook.Shards; shard++)
        {
            GrainFactory.GetGrain<IIntelWatchGrain>(IntelBook.WatchKey(tenant, shard)).NamedNetworks(named).Ignore();
        }

        return state.State.Indicators.Count;
    }

    public Task<Indicator[]> List() => Task.FromResult(state.State.Indicators.Values.SelectMany(v => v).ToArray());
}

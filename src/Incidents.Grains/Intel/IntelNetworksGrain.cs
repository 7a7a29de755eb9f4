using Incidents.Contracts.Intel;
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
        return state.State.Indicators.Count;
    }

    public Task<Indicator[]> List() => Task.FromResult(state.State.Indicators.Values.SelectMany(v => v).ToArray());
}

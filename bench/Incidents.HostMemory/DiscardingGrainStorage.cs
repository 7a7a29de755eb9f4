using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Incidents.HostMemory;

/// <summary>
/// Grain storage that keeps nothing: a read finds no record, a write is forgotten. So that the heap holds the grains
/// and nothing else, where the memory provider would keep a serialized copy of every state beside them.
/// </summary>
internal sealed class DiscardingGrainStorage : IGrainStorage
{
    private long _writes;

    public long Writes => Interlocked.Read(ref _writes);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Interlocked.Increment(ref _writes);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}

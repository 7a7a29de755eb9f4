using Incidents.Contracts.Tenants;
using Orleans.Storage;

namespace Incidents.Grains.Storage.Directory;

/// <summary>
/// The storage of hosts, users and incidents (<see cref="StorageNames.Entities"/>): the grain storage under
/// <see cref="StorageNames.Incidents"/>, with no read for a grain that was never stored. A new host or incident
/// otherwise reads a blob that cannot exist before it can take its first alert; on Azurite that read costs about as
/// much as a write, and a burst of new hosts queued behind thousands of them.
/// </summary>
/// <remarks>
/// The rule that keeps it right: a grain is in its tenant's directory (<see cref="IStateDirectoryGrain"/>, durably)
/// before its state is first written, so a grain the directory does not hold has nothing stored. A directory shard
/// created over storage that already holds state lists it first (<see cref="IStoredStateScan"/>).
/// </remarks>
public sealed class EntityGrainStorage(IGrainStorage stored, IGrainFactory grains, StateWriteSlots slots) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Entry(stateName, grainId) is { } entry && !await entry.Directory.MayHold(entry.Hash))
        {
            return; // never stored: the state stays as created, with no ETag, and its first write creates the blob
        }

        await stored.ReadStateAsync(stateName, grainId, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is null && Entry(stateName, grainId) is { } entry)
        {
            await entry.Directory.Hold(entry.Hash);
        }

        using var turn = await slots.TurnFor();
        await stored.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        stored.ClearStateAsync(stateName, grainId, grainState); // the entry stays: a cleared grain reads, and finds nothing

    private (IStateDirectoryGrain Directory, long Hash)? Entry(string stateName, GrainId grainId)
    {
        var key = grainId.Key.ToString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TenantIds.IsValid(key.AsSpan(0, slash)))
        {
            return null; // not a tenant's entity: read as it is stored
        }

        var hash = StateDirectoryKeys.Hash(grainId.ToString());
        var directory = StateDirectoryKeys.DirectoryKey(key[..slash], stateName, grainId.Type.ToString()!, StateDirectoryKeys.Shard(hash));
        return (grains.GetGrain<IStateDirectoryGrain>(directory), hash);
    }
}

namespace Incidents.Grains.Storage.Directory;

/// <summary>
/// One shard of the directory of a tenant's stored entity state (<see cref="EntityGrainStorage"/>): which grains of one
/// kind may have state in storage, as 64-bit hashes of their ids. Internal to the silo: nothing outside the grains
/// calls it, so it lives here rather than in the contracts.
/// </summary>
[Alias("Incidents.Grains.Storage.Directory.IStateDirectoryGrain")]
public interface IStateDirectoryGrain : IGrainWithStringKey
{
    /// <summary>False only when the grain has never been stored: its activation need not read storage.</summary>
    [AlwaysInterleave, Alias("MayHold")]
    Task<bool> MayHold(long grain);

    /// <summary>Answers once the directory holds the grain durably: call before the grain's first write.</summary>
    [Alias("Hold")]
    Task Hold(long grain);
}

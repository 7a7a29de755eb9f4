namespace Incidents.Grains.Storage.Directory;

/// <summary>
/// Lists the grains that have state in storage, for a directory shard created over storage that already holds state
/// (written before the directory existed). None where storage starts empty (the in-memory storage of tests).
/// </summary>
public interface IStoredStateScan
{
    /// <summary>The ids (<c>{type}/{key}</c>) of the grains of one type and tenant with state under this state name.</summary>
    IAsyncEnumerable<string> StoredGrains(string stateName, string grainType, string tenant, CancellationToken cancellationToken);
}

using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Intel;

/// <summary>
/// One of a tenant's <see cref="IntelBook.Shards"/> shards of exact indicators (addresses, domains, URLs, hashes), by a
/// stable hash of the looked-up key: a lookup asks one shard whatever the list's size, and an import writes each shard
/// once. Calls no grain.
/// </summary>
[Alias("Incidents.IIntelShardGrain")]
public interface IIntelShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces these (by key and source); returns how many the shard holds, or null when it is full.</summary>
    [Alias("Put")]
    Task<int?> Put(Indicator[] indicators);

    /// <summary>Every indicator held under each key (any number of sources).</summary>
    [ReadOnly]
    [Alias("Find")]
    Task<Indicator[]> Find(string[] keys);
}

/// <summary>A tenant's network indicators (CIDRs): few, matched by containment, so silos keep a copy. Calls no grain.</summary>
[Alias("Incidents.IIntelNetworksGrain")]
public interface IIntelNetworksGrain : IGrainWithStringKey
{
    [Alias("Put")]
    Task<int?> Put(Indicator[] networks);

    [ReadOnly]
    [Alias("List")]
    Task<Indicator[]> List();
}

public static class IntelBook
{
    public const int Shards = 64;
    public const int ShardCapacity = 50_000;
    public const int MaxNetworks = 10_000;

    public static int Shard(string key) => (int)(StableHash.ComputeHash(key) % Shards);

    public static string ShardKey(string tenant, int shard) => TenantScoped.Key(tenant, $"intel-{shard}");

    public static string NetworksKey(string tenant) => TenantScoped.Key(tenant, "intel-networks");
}

using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Intel;

/// <summary>
/// One of a tenant's <see cref="IntelBook.Shards"/> shards of exact indicators (addresses, domains, URLs, hashes), by a
/// stable hash of the looked-up key: a lookup asks one shard whatever the list's size, and an import writes each shard
/// once. Tells its watch shard (<see cref="IIntelWatchGrain"/>) what it took, one-way; calls no other grain.
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

/// <summary>
/// A tenant's network indicators (CIDRs): few, matched by containment, so silos keep a copy. Tells every watch shard the
/// networks it took, one-way; calls no other grain.
/// </summary>
[Alias("Incidents.IIntelNetworksGrain")]
public interface IIntelNetworksGrain : IGrainWithStringKey
{
    [Alias("Put")]
    Task<int?> Put(Indicator[] networks);

    [ReadOnly]
    [Alias("List")]
    Task<Indicator[]> List();
}

/// <summary>
/// The retro-hunt: one of a tenant's <see cref="IntelBook.Shards"/> lists of the values open incidents hold (by the same
/// hash as <see cref="IIntelShardGrain"/>, so that intel shard n tells watch shard n). When new intelligence names a
/// value, the enrichment of every incident holding it looks again. Tells enrichment grains one-way; awaits no grain.
/// </summary>
[Alias("Incidents.IIntelWatchGrain")]
public interface IIntelWatchGrain : IGrainWithStringKey
{
    /// <summary>This incident holds these values (lookup keys: <c>ip:…</c>, <c>domain:…</c>…).</summary>
    [Alias("Watch")]
    Task Watch(string incidentId, string[] keys);

    /// <summary>New intelligence names these keys.</summary>
    [OneWay]
    [Alias("Named")]
    Task Named(string[] keys);

    /// <summary>New intelligence names these networks (CIDR): addresses held inside them are named.</summary>
    [OneWay]
    [Alias("NamedNetworks")]
    Task NamedNetworks(string[] networks);
}

public static class IntelBook
{
    public const int Shards = 64;
    public const int ShardCapacity = 50_000;
    public const int MaxNetworks = 10_000;

    public static int Shard(string key) => (int)(StableHash.ComputeHash(key) % Shards);

    public static string ShardKey(string tenant, int shard) => TenantScoped.Key(tenant, $"intel-{shard}");

    public static string NetworksKey(string tenant) => TenantScoped.Key(tenant, "intel-networks");

    public static string WatchKey(string tenant, int shard) => TenantScoped.Key(tenant, $"intel-watch-{shard}");

    /// <summary>An incident's value as it holds it, from its lookup key: an address without <c>ip:</c>, an observable as it is.</summary>
    public static string ValueOf(string key) => key.StartsWith("ip:", StringComparison.Ordinal) ? key[3..] : key;
}

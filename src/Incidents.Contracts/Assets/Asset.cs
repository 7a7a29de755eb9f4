using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Assets;

/// <summary>
/// What the inventory says of one host: its name (the host's key), its addresses, who owns it, how much it matters
/// (criticality 1–5, 5 the crown jewels) and where it sits.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.Asset")]
public sealed record Asset
{
    public const int MaxAddresses = 16;
    public const int MaxTags = 16;

    /// <summary>The host's key: a name in lower case.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>Canonical addresses, at most <see cref="MaxAddresses"/>.</summary>
    [Id(1)] public IReadOnlyList<string> Addresses { get; init; } = [];

    [Id(2)] public string? Owner { get; init; }
    [Id(3)] public string? BusinessUnit { get; init; }

    /// <summary>1 (a lab box) to 5 (a crown jewel).</summary>
    [Id(4)] public int Criticality { get; init; } = 3;

    /// <summary>Such as dmz, internal, crown-jewel: lower case.</summary>
    [Id(5)] public string? Zone { get; init; }

    [Id(6)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The same asset, whatever was said of it when: what makes a second import of the same rows change nothing.</summary>
    public bool SameAs(Asset other) =>
        Name == other.Name && Addresses.SequenceEqual(other.Addresses) && Owner == other.Owner && BusinessUnit == other.BusinessUnit
        && Criticality == other.Criticality && Zone == other.Zone && Tags.SequenceEqual(other.Tags);
}

/// <summary>
/// One of a tenant's <see cref="AssetBook.Shards"/> shards of the inventory, by a stable hash of the host's name: an
/// import writes each shard once. Calls no grain.
/// </summary>
[Alias("Incidents.IAssetShardGrain")]
public interface IAssetShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces these by name; returns how many changed, or null (nothing stored) when they would not fit.</summary>
    [Alias("Put")]
    Task<int?> Put(Asset[] assets);

    [ReadOnly]
    [Alias("Find")]
    Task<Asset?> Find(string name);

    /// <summary>Those of these names it holds.</summary>
    [ReadOnly]
    [Alias("FindMany")]
    Task<Asset[]> FindMany(string[] names);
}

/// <summary>
/// One of a tenant's <see cref="AssetBook.Shards"/> shards of the inventory's addresses, by a stable hash of the address:
/// which host name each address is. The front door asks it before journaling, so that an alert naming only an address
/// lands on the named host. An address newly named tells its address-only host, one-way, to join the named one.
/// </summary>
[Alias("Incidents.IAssetAddressShardGrain")]
public interface IAssetAddressShardGrain : IGrainWithStringKey
{
    /// <summary>Names these addresses (canonical); returns how many changed, or null (nothing stored) when they would not fit.</summary>
    [Alias("Put")]
    Task<int?> Put(AddressName[] names);

    /// <summary>The host name of each address, or null, in order (an address not named is remembered: it may be a host's key).</summary>
    [Alias("Names")]
    Task<string?[]> Names(string[] addresses);
}

/// <summary>An address of the estate, and the host it is.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.AddressName")]
public sealed record AddressName([property: Id(0)] string Address, [property: Id(1)] string Name);

public static class AssetBook
{
    public const int Shards = 64;

    /// <summary>A shard holds at most this many: 3.2 million hosts a tenant.</summary>
    public const int ShardCapacity = 50_000;

    public static int Shard(string name) => (int)(StableHash.ComputeHash(name) % Shards);

    public static string ShardKey(string tenant, int shard) => TenantScoped.Key(tenant, $"assets-{shard}");

    public static int AddressShard(string address) => (int)(StableHash.ComputeHash($"address:{address}") % Shards);

    public static string AddressShardKey(string tenant, int shard) => TenantScoped.Key(tenant, $"asset-addresses-{shard}");
}

using Incidents.Contracts.Assets;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Assets;

/// <summary>
/// One shard of a tenant's address → host name map (<see cref="IAssetAddressShardGrain"/>): an import is one write here.
/// </summary>
/// <remarks>
/// It remembers the addresses the front door asked about and could not name (bounded): alerts on them landed on a host
/// keyed by the address. When the inventory names one of those, that host is told, one-way, to hand what it knows to
/// the named host: only hosts that exist are woken, not one for every address of a 100,000-asset import.
/// </remarks>
public sealed class AssetAddressShardGrain(
    [PersistentState("asset-addresses", StorageNames.Lists)] IPersistentState<AssetAddressShardState> state)
    : WriteBehindGrain<AssetAddressShardState>(state, TimeSpan.FromSeconds(30)), IAssetAddressShardGrain
{
    /// <summary>Addresses asked about and not named, kept per shard.</summary>
    public const int UnnamedKept = 10_000;

    public async Task<int?> Put(AddressName[] names)
    {
        var held = State.Names;
        var fresh = names.Select(n => n.Address).Distinct(StringComparer.Ordinal).Count(a => !held.ContainsKey(a));
        if (held.Count + fresh > AssetBook.ShardCapacity)
        {
            return null;
        }

        var changed = names.Where(n => held.GetValueOrDefault(n.Address) != n.Name).DistinctBy(n => n.Address).ToArray();
        if (changed.Length == 0)
        {
            return 0;
        }

        foreach (var name in changed)
        {
            held[name.Address] = name.Name;
        }

        var aliased = changed.Where(n => State.Unnamed.Remove(n.Address)).ToArray();
        await WriteNow(); // the import is answered once it is stored
        var tenant = TenantScoped.Split(this.GetPrimaryKeyString()).Tenant;
        foreach (var name in aliased)
        {
            GrainFactory.GetGrain<IHostGrain>(TenantScoped.Key(tenant, name.Address)).Named(name.Name).Ignore();
        }

        return changed.Length;
    }

    public async Task<string?[]> Names(string[] addresses)
    {
        var names = addresses.Select(a => State.Names.GetValueOrDefault(a)).ToArray();
        var unnamed = false;
        for (var i = 0; i < addresses.Length; i++)
        {
            if (names[i] is null && State.Unnamed.Count < UnnamedKept)
            {
                unnamed |= State.Unnamed.Add(addresses[i]);
            }
        }

        if (unnamed)
        {
            await StateChanged();
        }

        return names;
    }
}

[GenerateSerializer, Alias("Incidents.AssetAddressShardState")]
public sealed class AssetAddressShardState
{
    [Id(0)] public Dictionary<string, string> Names { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Asked about and not named: hosts keyed by these addresses may exist (at most <see cref="AssetAddressShardGrain.UnnamedKept"/>).</summary>
    [Id(1)] public HashSet<string> Unnamed { get; set; } = new(StringComparer.Ordinal);
}

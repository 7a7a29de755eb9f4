using Incidents.Contracts.Assets;

namespace Incidents.Grains.Enrichment.Enrichers;

/// <summary>The inventory's records of some hosts, one call per shard they fall in.</summary>
public sealed class AssetReader(IGrainFactory grains)
{
    public async Task<Dictionary<string, Asset>> Find(string tenant, IEnumerable<string> hosts, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(hosts.Distinct(StringComparer.Ordinal).GroupBy(AssetBook.Shard)
            .Select(shard => grains.GetGrain<IAssetShardGrain>(AssetBook.ShardKey(tenant, shard.Key)).FindMany([.. shard])))
            .WaitAsync(cancellationToken);
        return found.SelectMany(a => a).ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>A crown jewel: criticality 5, or in the crown-jewel zone.</summary>
    public static bool IsCrownJewel(Asset asset) => asset.Criticality >= 5 || asset.Zone == "crown-jewel";
}

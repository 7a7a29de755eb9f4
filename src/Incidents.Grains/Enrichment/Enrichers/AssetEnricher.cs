using System.Globalization;
using Incidents.Contracts.Assets;
using Incidents.Contracts.Enrichment;

namespace Incidents.Grains.Enrichment.Enrichers;

/// <summary>
/// What the inventory says of the incident's hosts: owner, business unit, criticality, zone, tags; a host it does not
/// know is said so (an unmanaged machine is a finding). A crown jewel makes the incident at least High.
/// </summary>
public sealed class AssetEnricher(AssetReader assets) : IEnricher
{
    public string Name => "assets";

    public bool Wants(EnrichmentWork work) => work.New.Hosts.Count > 0;

    public async Task<IReadOnlyList<EnrichmentFinding>> Enrich(EnrichmentWork work, CancellationToken cancellationToken)
    {
        var known = await assets.Find(work.Tenant, work.New.Hosts, cancellationToken);
        return [.. work.New.Hosts.Select(host => known.TryGetValue(host, out var asset)
            ? Found(work, asset)
            : work.Found(this, host, "not-in-inventory", "Not in the asset inventory", source: "inventory"))];
    }

    private EnrichmentFinding Found(EnrichmentWork work, Asset asset)
    {
        var jewel = AssetReader.IsCrownJewel(asset);
        return work.Found(this, asset.Name, EnrichmentRecord.AssetKind, Describe(asset), asset.UpdatedAt, "inventory") with
        {
            Owner = asset.Owner,
            Criticality = asset.Criticality,
            Zone = asset.Zone,
            Raises = jewel ? EnrichmentRecord.Raised : null,
        };
    }

    public static string Describe(Asset asset)
    {
        var parts = new List<string>();
        if (AssetReader.IsCrownJewel(asset))
        {
            parts.Add("Crown jewel");
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"criticality {asset.Criticality}"));
        if (asset.Owner is { } owner)
        {
            parts.Add($"owner {owner}");
        }

        if (asset.BusinessUnit is { } unit)
        {
            parts.Add($"business unit {unit}");
        }

        if (asset.Zone is { } zone)
        {
            parts.Add($"zone {zone}");
        }

        if (asset.Tags.Count > 0)
        {
            parts.Add($"tags {string.Join(", ", asset.Tags)}");
        }

        return string.Join("; ", parts);
    }
}

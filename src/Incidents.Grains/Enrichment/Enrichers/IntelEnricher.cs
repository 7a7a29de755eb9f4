using System.Globalization;
using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Intel;
using Incidents.Grains.Intel;

namespace Incidents.Grains.Enrichment.Enrichers;

/// <summary>
/// What the tenant's threat intelligence says of the incident's outside addresses, domains, URLs and file hashes: each
/// indicator in force, with its source and confidence. A hit makes the incident at least High. Run again on values
/// that new intelligence names (retro-hunt), asking the shards afresh.
/// </summary>
public sealed class IntelEnricher(IntelLookup intel, IGrainFactory grains) : IEnricher, IRehunting
{
    public string Name => "intel";

    public bool Wants(EnrichmentWork work) => work.New.Addresses.Count > 0 || work.New.Observables.Count > 0;

    public async Task<IReadOnlyList<EnrichmentFinding>> Enrich(EnrichmentWork work, CancellationToken cancellationToken)
    {
        if (!work.Rehunt)
        {
            await Watch(work, cancellationToken); // before the lookup: what is named after it is told to the watch
        }

        var found = await intel.FindValues(work.Tenant, work.New.Addresses, work.New.Observables, fresh: work.Rehunt, cancellationToken);
        return [.. found.SelectMany(hit => hit.Value.Select(indicator =>
            work.Found(this, hit.Key, EnrichmentRecord.IntelKind, Describe(hit.Key, indicator), indicator.ValidFrom ?? indicator.AddedAt, indicator.Source)
                with { Raises = EnrichmentRecord.Raised }))];
    }

    /// <summary>The retro-hunt: the incident's new values, each on the watch shard of its key.</summary>
    private Task Watch(EnrichmentWork work, CancellationToken cancellationToken)
    {
        var keys = IntelLookup.KeysOf(work.New.Addresses, work.New.Observables).Select(k => k.Key);
        return Task.WhenAll(keys.GroupBy(IntelBook.Shard).Select(shard =>
            grains.GetGrain<IIntelWatchGrain>(IntelBook.WatchKey(work.Tenant, shard.Key)).Watch(work.IncidentId, [.. shard]))).WaitAsync(cancellationToken);
    }

    private static string Describe(string value, Indicator indicator)
    {
        var named = indicator.Name is { Length: > 0 } name ? $" ({name})" : "";
        var matched = indicator.Kind == IndicatorKind.Network ? $" in network {indicator.Value}" : "";
        var until = indicator.ValidUntil is { } end ? string.Create(CultureInfo.InvariantCulture, $", valid until {end:O}") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{value}{matched} is known to {indicator.Source}{named}, confidence {indicator.Confidence}{until}");
    }
}

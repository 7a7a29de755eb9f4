using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Enrichment;

/// <summary>
/// A tenant's enrichment figures, keyed <see cref="EnrichmentStats.Key"/>: time-to-enrichment over its newest incidents
/// and how enrichers' runs ended. Told one-way by enrichment grains; calls nothing.
/// </summary>
[Alias("Incidents.IEnrichmentStatsGrain")]
public interface IEnrichmentStatsGrain : IGrainWithStringKey
{
    [OneWay]
    [Alias("Record")]
    Task Record(EnrichmentSample sample);

    [ReadOnly]
    [Alias("GetView")]
    Task<EnrichmentStatsView> GetView();
}

/// <summary>One round of an incident's enrichment: its runs, and its time-to-enrichment when it was the first.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.EnrichmentSample")]
public sealed record EnrichmentSample(
    [property: Id(0)] TimeSpan? TimeToEnrichment,
    [property: Id(1)] IReadOnlyList<EnricherRun> Runs);

[GenerateSerializer, Immutable, Alias("Incidents.EnrichmentStatsView")]
public sealed record EnrichmentStatsView
{
    /// <summary>Incidents enriched since the figures began.</summary>
    [Id(0)] public long Incidents { get; init; }

    /// <summary>Over the newest <see cref="EnrichmentStats.SamplesKept"/> incidents, in milliseconds.</summary>
    [Id(1)] public double? P50Milliseconds { get; init; }
    [Id(2)] public double? P90Milliseconds { get; init; }
    [Id(3)] public double? P99Milliseconds { get; init; }
    [Id(4)] public double? MaxMilliseconds { get; init; }
    [Id(5)] public int Sampled { get; init; }

    /// <summary>Runs by enricher and outcome (<c>succeeded</c>, <c>timedOut</c>, <c>failed</c>).</summary>
    [Id(6)] public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Runs { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();

    /// <summary>Mean run time by enricher, in milliseconds.</summary>
    [Id(7)] public IReadOnlyDictionary<string, double> MeanRunMilliseconds { get; init; } = new Dictionary<string, double>();
}

public static class EnrichmentStats
{
    public const int SamplesKept = 2_000;

    public static string Key(string tenant) => TenantScoped.Key(tenant, "enrichment-stats");
}

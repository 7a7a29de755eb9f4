using System.Diagnostics.Metrics;
using Incidents.Contracts.Enrichment;

namespace Incidents.Grains.Enrichment;

/// <summary>Enrichment on the <c>Incidents</c> meter: time-to-enrichment, and each enricher's runs by outcome and duration.</summary>
public sealed class EnrichmentMetrics
{
    private readonly Histogram<double> _timeToEnrichment;
    private readonly Histogram<double> _runs;

    public EnrichmentMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Incidents");
        _timeToEnrichment = meter.CreateHistogram<double>("incidents.enrichment.time_to_enrichment", "s",
            "From an incident's opening to its first complete enrichment");
        _runs = meter.CreateHistogram<double>("incidents.enrichment.run.duration", "s", "One enricher's run on an incident, by enricher and outcome");
    }

    public void Enriched(TimeSpan took) => _timeToEnrichment.Record(took.TotalSeconds);

    public void Ran(string enricher, EnricherOutcome outcome, TimeSpan took) =>
        _runs.Record(took.TotalSeconds, new KeyValuePair<string, object?>("enricher", enricher),
            new KeyValuePair<string, object?>("outcome", EnrichmentStatsGrain.Outcome(outcome)));
}

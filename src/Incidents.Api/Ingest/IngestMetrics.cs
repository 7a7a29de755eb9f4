using System.Diagnostics.Metrics;

namespace Incidents.Api.Ingest;

/// <summary>The front door's figures, on the <c>Incidents</c> meter the Aspire dashboard shows.</summary>
public sealed class IngestMetrics
{
    private readonly Counter<long> _items;
    private readonly Counter<long> _batches;
    private readonly Histogram<double> _duration;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Incidents");
        _items = meter.CreateCounter<long>("incidents.ingest.items", "{item}", "Items posted, by kind (alert, event) and outcome (accepted, duplicate, rejected)");
        _batches = meter.CreateCounter<long>("incidents.ingest.batches", "{batch}", "Batches, by outcome (acknowledged, replayed, busy, storage-unavailable)");
        _duration = meter.CreateHistogram<double>("incidents.ingest.duration", "ms", "From a batch's body read to its answer: journal and delivery");
    }

    public void Items(string kind, int accepted, int duplicates, int rejected)
    {
        _items.Add(accepted, new("kind", kind), new("outcome", "accepted"));
        _items.Add(duplicates, new("kind", kind), new("outcome", "duplicate"));
        _items.Add(rejected, new("kind", kind), new("outcome", "rejected"));
    }

    public void Batch(string outcome) => _batches.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Duration(TimeSpan elapsed) => _duration.Record(elapsed.TotalMilliseconds);
}

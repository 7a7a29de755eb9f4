using Incidents.Alerts;
using Incidents.Api.Ingest;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Ingest;

namespace Incidents.Api.Alerts;

/// <summary>The path of a batch of alerts: normalise each item, then keep of each what grains need.</summary>
public sealed class AlertIntake(AlertNormalizer normalizer, TimeProvider time) : IBatchIntake<AlertFormat, Alert>
{
    public string Kind => "alert";

    public (List<Alert> Items, List<RejectedItem> Rejected) Normalize(IReadOnlyList<ReadOnlyMemory<byte>> items, AlertFormat format) =>
        ItemNormalization.Each(items, json =>
        {
            var result = normalizer.Normalize(json, format);
            return (result.Alert, result.Error);
        });

    public IngestResult DryRun(List<Alert> items, List<RejectedItem> rejected) =>
        new(items.Count, 0, rejected) { Alerts = items[..Math.Min(items.Count, IngestResult.DryRunShown)], Shown = Math.Min(items.Count, IngestResult.DryRunShown) };

    public IngestBatch Prepare(string tenant, IReadOnlyList<Alert> items)
    {
        var receivedAt = time.GetUtcNow();
        return new IngestBatch(tenant, [.. items.Select(a => a.ToSummary(receivedAt))], []);
    }
}

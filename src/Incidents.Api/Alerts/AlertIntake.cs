using Incidents.Alerts;
using Incidents.Api.Ingest;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;

namespace Incidents.Api.Alerts;

/// <summary>
/// The path of a batch of alerts: normalise each item, then hand each alert to the grain of every internal host
/// it names, one call per host for the whole batch.
/// </summary>
public sealed class AlertIntake(AlertNormalizer normalizer, IGrainFactory grains, TimeProvider time) : IBatchIntake<AlertFormat, Alert>
{
    public (List<Alert> Items, List<RejectedItem> Rejected) Normalize(IReadOnlyList<ReadOnlyMemory<byte>> items, AlertFormat format) =>
        ItemNormalization.Each(items, json =>
        {
            var result = normalizer.Normalize(json, format);
            return (result.Alert, result.Error);
        });

    public IngestResult DryRun(List<Alert> items, List<RejectedItem> rejected) =>
        new(items.Count, 0, rejected) { Alerts = items };

    public Task<(int Accepted, int Duplicates)> Store(string tenant, IReadOnlyList<Alert> items)
    {
        var receivedAt = time.GetUtcNow();
        var batches = HostBatches<AlertSummary>.Group(items.Select(a => AlertSummary.From(a, receivedAt)), a => a.Id, a => a.Hosts);
        return batches.Deliver((host, batch) => grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).Observe(batch));
    }
}

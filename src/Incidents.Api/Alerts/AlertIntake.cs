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
public sealed class AlertIntake(AlertNormalizer normalizer, IGrainFactory grains, TimeProvider time)
{
    public (List<Alert> Alerts, List<RejectedItem> Rejected) Normalize(IReadOnlyList<ReadOnlyMemory<byte>> items, AlertFormat format)
    {
        var alerts = new List<Alert>(items.Count);
        var rejected = new List<RejectedItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var result = normalizer.Normalize(items[i].Span, format);
            if (result.Alert is { } alert)
            {
                alerts.Add(alert);
            }
            else
            {
                rejected.Add(new RejectedItem(i, result.Error!));
            }
        }

        return (alerts, rejected);
    }

    /// <summary>Stores the alerts; returns how many were new and how many were seen before.</summary>
    public Task<(int Accepted, int Duplicates)> Store(string tenant, IReadOnlyList<Alert> alerts)
    {
        var receivedAt = time.GetUtcNow();
        var batches = HostBatches<AlertSummary>.Group(alerts.Select(a => AlertSummary.From(a, receivedAt)), a => a.Id, a => a.Fingerprint, a => a.Hosts);
        return batches.Deliver((host, batch) => grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).Observe(batch));
    }
}

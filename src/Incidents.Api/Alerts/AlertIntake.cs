using Incidents.Alerts;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;

namespace Incidents.Api.Alerts;

/// <summary>
/// The path of a batch: split into items, normalise each, drop repeats within the batch, then hand each
/// alert to the grain of every internal host it names, one call per host for the whole batch.
/// </summary>
public sealed class AlertIntake(AlertNormalizer normalizer, IGrainFactory grains, TimeProvider time)
{
    public (List<Alert> Alerts, List<int> Indexes, List<RejectedItem> Rejected) Normalize(
        IReadOnlyList<ReadOnlyMemory<byte>> items, AlertFormat format)
    {
        var alerts = new List<Alert>(items.Count);
        var indexes = new List<int>(items.Count);
        var rejected = new List<RejectedItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var result = normalizer.Normalize(items[i].Span, format);
            if (result.Alert is { } alert)
            {
                alerts.Add(alert);
                indexes.Add(i);
            }
            else
            {
                rejected.Add(new RejectedItem(i, result.Error!));
            }
        }

        return (alerts, indexes, rejected);
    }

    /// <summary>Stores the alerts; returns how many were new and how many were seen before.</summary>
    public async Task<(int Accepted, int Duplicates)> Store(string tenant, IReadOnlyList<Alert> alerts)
    {
        var receivedAt = time.GetUtcNow();
        var seenInBatch = new HashSet<string>(StringComparer.Ordinal);
        var byHost = new Dictionary<string, List<AlertSummary>>(StringComparer.Ordinal);

        // Where each alert sits in its primary host's batch: that host's answer says whether it is new.
        var primarySlots = new List<(string Host, int Slot)>(alerts.Count);
        var duplicates = 0;
        foreach (var alert in alerts)
        {
            if (seenInBatch.Contains(alert.Id) || seenInBatch.Contains(alert.Fingerprint))
            {
                duplicates++;
                continue;
            }

            seenInBatch.Add(alert.Id);
            seenInBatch.Add(alert.Fingerprint);

            var summary = AlertSummary.From(alert, receivedAt);
            foreach (var host in alert.Hosts)
            {
                if (!byHost.TryGetValue(host, out var batch))
                {
                    byHost[host] = batch = [];
                }

                if (host == summary.PrimaryHost)
                {
                    primarySlots.Add((host, batch.Count));
                }

                batch.Add(summary);
            }
        }

        var answers = await Task.WhenAll(byHost.Select(async pair =>
            (pair.Key, IsNew: await grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, pair.Key)).Observe([.. pair.Value]))));
        var isNewByHost = answers.ToDictionary(a => a.Key, a => a.IsNew, StringComparer.Ordinal);

        var accepted = 0;
        foreach (var (host, slot) in primarySlots)
        {
            if (isNewByHost[host][slot])
            {
                accepted++;
            }
            else
            {
                duplicates++;
            }
        }

        return (accepted, duplicates);
    }
}

using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Ingest;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;
using Orleans.Concurrency;

namespace Incidents.Grains.Ingest;

/// <summary>
/// Where a batch enters the cluster. It keeps nothing, so it is reentrant and one per silo's worker slot serves every
/// batch in flight; it awaits hosts and users, and nothing calls it back, so it joins no call cycle.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class IngestGrain : Grain, IIngestGrain
{
    public async Task<IngestCounts> Deliver(IngestBatch batch, bool replay)
    {
        var (accepted, duplicates) = (0, 0);
        if (batch.Alerts.Length > 0)
        {
            var byHost = HostBatches<AlertSummary>.Group(batch.Alerts, a => a.Id, a => a.Hosts);
            (accepted, duplicates) = await byHost.Deliver((host, alerts) => replay
                ? Host(batch.Tenant, host).Redeliver(alerts)
                : Host(batch.Tenant, host).Observe(alerts));
        }

        if (batch.Events.Length > 0)
        {
            var byUser = Enumerable.Range(0, batch.Events.Length)
                .Where(i => batch.Events[i].User is { Length: > 0 })
                .GroupBy(i => batch.Events[i].User!, StringComparer.Ordinal)
                .Select(g => g.ToArray())
                .ToList();
            var users = Task.WhenAll(byUser.Select(indexes => GrainFactory
                .Reference<IUserGrain>(TenantScoped.Key(batch.Tenant, batch.Events[indexes[0]].User!))
                .Witness([.. indexes.Select(i => batch.Events[i])])));
            var byHost = HostBatches<ContextSummary>.Group(batch.Events, e => e.Id, e => e.Hosts);
            var (newEvents, repeatedEvents) = await byHost.Deliver((host, events) => Host(batch.Tenant, host).Witness(events));
            var (newSignIns, repeatedSignIns) = CountCloudSignIns(batch.Events, byUser, await users);
            (accepted, duplicates) = (accepted + newEvents + newSignIns, duplicates + repeatedEvents + repeatedSignIns);
        }

        return new IngestCounts(accepted, duplicates);
    }

    /// <summary>
    /// Cloud sign-ins name no host, so no host counts them: their account's answer does, for the first of each id in
    /// the batch (the host batches already counted later ones as repeats).
    /// </summary>
    private static (int Accepted, int Duplicates) CountCloudSignIns(ContextSummary[] events, List<int[]> byUser, bool[][] answers)
    {
        var isNew = new bool[events.Length];
        for (var u = 0; u < byUser.Count; u++)
        {
            for (var j = 0; j < byUser[u].Length; j++)
            {
                isNew[byUser[u][j]] = answers[u][j];
            }
        }

        var (accepted, duplicates) = (0, 0);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Length; i++)
        {
            if (!ids.Add(events[i].Id) || events[i].Hosts.Count > 0)
            {
                continue;
            }

            if (isNew[i])
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

    private IHostGrain Host(string tenant, string key) => GrainFactory.Reference<IHostGrain>(TenantScoped.Key(tenant, key));
}

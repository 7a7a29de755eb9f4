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
            var byUser = batch.Events.Where(e => e.User is { Length: > 0 }).GroupBy(e => e.User!, StringComparer.Ordinal);
            var users = Task.WhenAll(byUser.Select(g => GrainFactory.GetGrain<IUserGrain>(TenantScoped.Key(batch.Tenant, g.Key)).Witness([.. g])));
            var byHost = HostBatches<ContextSummary>.Group(batch.Events, e => e.Id, e => e.Hosts);
            var (newEvents, repeatedEvents) = await byHost.Deliver((host, events) => Host(batch.Tenant, host).Witness(events));
            await users;
            (accepted, duplicates) = (accepted + newEvents, duplicates + repeatedEvents);
        }

        return new IngestCounts(accepted, duplicates);
    }

    private IHostGrain Host(string tenant, string key) => GrainFactory.GetGrain<IHostGrain>(TenantScoped.Key(tenant, key));
}

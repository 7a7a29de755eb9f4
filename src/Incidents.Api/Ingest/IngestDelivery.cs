using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Ingest;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;

namespace Incidents.Api.Ingest;

/// <summary>
/// Hands a batch to the grains: each alert or event to the grain of every internal host it names (one call per host
/// for the whole batch), each event also to its account's grain. Used for new batches and for replays alike.
/// </summary>
public sealed class IngestDelivery(IGrainFactory grains)
{
    /// <summary>
    /// Returns how many items were new and how many were seen before. A <paramref name="replay"/> from the journal
    /// also hands alerts seen before to their incidents again, which may have lost them with a silo.
    /// </summary>
    public async Task<(int Accepted, int Duplicates)> Deliver(IngestBatch batch, bool replay = false)
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
            var users = Task.WhenAll(byUser.Select(g => grains.GetGrain<IUserGrain>(TenantScoped.Key(batch.Tenant, g.Key)).Witness([.. g])));
            var byHost = HostBatches<ContextSummary>.Group(batch.Events, e => e.Id, e => e.Hosts);
            var (newEvents, repeatedEvents) = await byHost.Deliver((host, events) => Host(batch.Tenant, host).Witness(events));
            await users;
            (accepted, duplicates) = (accepted + newEvents, duplicates + repeatedEvents);
        }

        return (accepted, duplicates);
    }

    private IHostGrain Host(string tenant, string key) => grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, key));
}

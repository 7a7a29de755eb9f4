using Incidents.Alerts;
using Incidents.Api.Ingest;
using Incidents.Contracts.Context;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;

namespace Incidents.Api.Events;

/// <summary>
/// The path of a batch of context events: normalise each item, then tell the grain of every internal host it
/// names and the grain of its account, one call per grain for the whole batch. Events never open incidents.
/// </summary>
public sealed class EventIntake(ContextEventNormalizer normalizer, IGrainFactory grains) : IBatchIntake<ContextEventFormat, ContextEvent>
{
    public (List<ContextEvent> Items, List<RejectedItem> Rejected) Normalize(IReadOnlyList<ReadOnlyMemory<byte>> items, ContextEventFormat format) =>
        ItemNormalization.Each(items, json =>
        {
            var result = normalizer.Normalize(json, format);
            return (result.Event, result.Error);
        });

    public IngestResult DryRun(List<ContextEvent> items, List<RejectedItem> rejected) =>
        new(items.Count, 0, rejected) { Events = items };

    public async Task<(int Accepted, int Duplicates)> Store(string tenant, IReadOnlyList<ContextEvent> items)
    {
        var summaries = items.Select(ContextSummary.From).ToList();
        var batches = HostBatches<ContextSummary>.Group(summaries, e => e.Id, e => e.Hosts);
        var byUser = summaries.Where(e => e.User is { Length: > 0 }).GroupBy(e => e.User!, StringComparer.Ordinal);

        var users = Task.WhenAll(byUser.Select(g => grains.GetGrain<IUserGrain>(TenantScoped.Key(tenant, g.Key)).Witness([.. g])));
        var counts = await batches.Deliver((host, batch) => grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).Witness(batch));
        await users;
        return counts;
    }
}

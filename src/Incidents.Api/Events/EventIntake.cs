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
public sealed class EventIntake(ContextEventNormalizer normalizer, IGrainFactory grains)
{
    public (List<ContextEvent> Events, List<RejectedItem> Rejected) Normalize(IReadOnlyList<ReadOnlyMemory<byte>> items, ContextEventFormat format)
    {
        var events = new List<ContextEvent>(items.Count);
        var rejected = new List<RejectedItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var result = normalizer.Normalize(items[i].Span, format);
            if (result.Event is { } e)
            {
                events.Add(e);
            }
            else
            {
                rejected.Add(new RejectedItem(i, result.Error!));
            }
        }

        return (events, rejected);
    }

    public async Task<(int Accepted, int Duplicates)> Store(string tenant, IReadOnlyList<ContextEvent> events)
    {
        var summaries = events.Select(ContextSummary.From).ToList();
        var batches = HostBatches<ContextSummary>.Group(summaries, e => e.Id, e => e.Fingerprint, e => e.Hosts);
        var byUser = summaries.Where(e => e.User is { Length: > 0 }).GroupBy(e => e.User!, StringComparer.Ordinal);

        var users = Task.WhenAll(byUser.Select(g => grains.GetGrain<IUserGrain>(TenantScoped.Key(tenant, g.Key)).Witness([.. g])));
        var counts = await batches.Deliver((host, batch) => grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).Witness(batch));
        await users;
        return counts;
    }
}

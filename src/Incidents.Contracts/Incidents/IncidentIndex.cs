using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Incidents;

/// <summary>Which shard of the queue holds an incident, and a query over all of them.</summary>
public static class IncidentIndex
{
    /// <summary>One per hex digit an incident id can start with; ids are random, so the shards fill evenly.</summary>
    public const int Shards = 16;

    private const string Digits = "0123456789abcdef";

    public static string Key(string tenant, string incidentId) => TenantScoped.Key(tenant, incidentId[..1]);

    public static IEnumerable<IIncidentIndexGrain> All(IGrainFactory grains, string tenant) =>
        Digits.Select(d => grains.GetGrain<IIncidentIndexGrain>(TenantScoped.Key(tenant, d.ToString())));

    /// <summary>
    /// Asks every shard at once for a few more than its share of the page (ids are random, so each holds about a
    /// sixteenth of any page) and merges them; a shard that may hold more above the page's end is asked again from
    /// its last. A page of 50 brings about 220 summaries to merge instead of 800.
    /// </summary>
    public static async Task<QueuePage> Query(IGrainFactory grains, string tenant, IncidentQuery query)
    {
        var shards = All(grains, tenant).ToArray();
        var share = Math.Min(query.Limit, (query.Limit / Shards * 2) + 8);
        var pages = await Task.WhenAll(shards.Select(shard => shard.Query(query with { Limit = share })));
        var total = pages.Sum(p => p.Total);
        if (share <= 0)
        {
            return new QueuePage([], total, total > 0);
        }

        var held = pages.Select(p => p.Items.ToList()).ToArray();
        var more = pages.Select(p => p.More).ToArray();
        var order = QueueOrder.Comparer(query.Sort);
        while (true)
        {
            List<IncidentSummary> items = [.. held.SelectMany(h => h).Order(order).Take(query.Limit)];
            var end = items.Count == query.Limit ? items[^1] : null;
            var asked = Enumerable.Range(0, Shards)
                .Where(i => more[i] && (end is null || order.Compare(held[i][^1], end) < 0))
                .ToArray();
            if (asked.Length == 0)
            {
                return new QueuePage(items, total, more.Any(m => m) || held.Sum(h => h.Count) > items.Count);
            }

            var further = await Task.WhenAll(asked.Select(i =>
                shards[i].Query(query with { Limit = share, After = QueueOrder.Position(held[i][^1], query.Sort) })));
            for (var k = 0; k < asked.Length; k++)
            {
                held[asked[k]].AddRange(further[k].Items);
                more[asked[k]] = further[k].More;
            }
        }
    }
}

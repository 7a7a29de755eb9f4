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

    /// <summary>Asks every shard at once and merges their pages: the first <see cref="IncidentQuery.Limit"/> in order.</summary>
    public static async Task<QueuePage> Query(IGrainFactory grains, string tenant, IncidentQuery query)
    {
        var pages = await Task.WhenAll(All(grains, tenant).Select(shard => shard.Query(query)));
        IReadOnlyList<IncidentSummary> items =
            [.. pages.SelectMany(p => p.Items).Order(QueueOrder.Comparer(query.Sort)).Take(query.Limit)];
        return new QueuePage(items, pages.Sum(p => p.Total));
    }
}

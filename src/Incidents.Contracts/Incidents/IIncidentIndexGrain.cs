namespace Incidents.Contracts.Incidents;

/// <summary>
/// One shard of a tenant's queue: the summaries of the incidents whose id starts with its hex digit, keyed
/// <c>{tenant}/{digit}</c> (<see cref="IncidentIndex.Key"/>). No grain holds all of a tenant's incidents or takes
/// every change; a query asks all <see cref="IncidentIndex.Shards"/> at once. Calls no grain.
/// </summary>
[Alias("Incidents.IIncidentIndexGrain")]
public interface IIncidentIndexGrain : IGrainWithStringKey
{
    /// <summary>
    /// The incident's latest summary (an older one than held is ignored). <paramref name="durable"/>: stored before the
    /// answer, for an analyst's action; else written behind, as the incident's own state is.
    /// </summary>
    [Alias("Update")]
    Task Update(IncidentSummary summary, bool durable);

    [ReadOnly]
    [Alias("Query")]
    Task<QueuePage> Query(IncidentQuery query);

    /// <summary>
    /// The live feed's source: the changes after <paramref name="after"/> in <paramref name="epoch"/> (null: from now), or,
    /// when there are none yet, the first that come within <paramref name="wait"/> (a long poll; interleaves, so
    /// waiting readers never hold up updates).
    /// </summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("Changes")]
    Task<FeedSlice> Changes(string? epoch, long after, TimeSpan wait);
}

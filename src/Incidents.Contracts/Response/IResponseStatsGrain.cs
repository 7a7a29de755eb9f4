using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Response;

/// <summary>
/// A tenant's response figures, keyed <see cref="ResponseStats.Key"/>: each measure's distribution by team and day,
/// and the incidents that breached their acknowledgement deadline, in an aggregate of their own (not derived from a
/// bounded list of incidents). Told one-way by incidents; calls nothing.
/// </summary>
[Alias("Incidents.IResponseStatsGrain")]
public interface IResponseStatsGrain : IGrainWithStringKey
{
    /// <summary>
    /// One incident's measure, once it is known. The same incident's same measure told again (a retry, a replay)
    /// counts once.
    /// </summary>
    [OneWay]
    [Alias("Record")]
    Task Record(ResponseMilestone milestone);

    [ReadOnly]
    [Alias("Report")]
    Task<ResponseReport> Report(ResponseQuery query);
}

/// <summary>What is measured of an incident's response, each from the incident's opening but triage (from its first alert's arrival).</summary>
public enum ResponseMeasure
{
    /// <summary>First alert received to the incident opened.</summary>
    Triage,

    /// <summary>Opened to its first complete enrichment.</summary>
    Enrichment,

    /// <summary>Opened to a team told (its route's first notice).</summary>
    Escalation,

    /// <summary>Opened to acknowledged.</summary>
    Acknowledge,

    /// <summary>Opened to contained.</summary>
    Contain,

    /// <summary>Opened to resolved.</summary>
    Resolve,

    /// <summary>Not a time: the incident was not acknowledged by its route's first deadline (<see cref="ResponseMilestone.Took"/> is by how long the deadline was).</summary>
    Breach,
}

/// <summary>One measure of one incident, with the team that had it and when it happened (which day it counts in).</summary>
[GenerateSerializer, Immutable, Alias("Incidents.ResponseMilestone")]
public sealed record ResponseMilestone(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] ResponseMeasure Measure,
    [property: Id(2)] TimeSpan Took,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Team);

/// <summary>Figures since a time (whole days, UTC), for one team or all.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.ResponseQuery")]
public sealed record ResponseQuery([property: Id(0)] DateTimeOffset Since, [property: Id(1)] string? Team);

[GenerateSerializer, Immutable, Alias("Incidents.ResponseReport")]
public sealed record ResponseReport
{
    [Id(0)] public DateTimeOffset Since { get; init; }
    [Id(1)] public string? Team { get; init; }

    /// <summary>By measure's wire name (<c>triage</c>, <c>enrichment</c>, <c>escalation</c>, <c>acknowledge</c>, <c>contain</c>, <c>resolve</c>).</summary>
    [Id(2)] public IReadOnlyDictionary<string, ResponseFigures> Measures { get; init; } = new Dictionary<string, ResponseFigures>();

    /// <summary>Incidents that breached their acknowledgement deadline in the period.</summary>
    [Id(3)] public long Breaches { get; init; }

    /// <summary>The newest breached incidents' ids, newest first (at most <see cref="ResponseStats.BreachesListed"/>).</summary>
    [Id(4)] public IReadOnlyList<string> BreachedIncidents { get; init; } = [];
}

/// <summary>A measure's count and percentiles in milliseconds (null with no samples).</summary>
[GenerateSerializer, Immutable, Alias("Incidents.ResponseFigures")]
public sealed record ResponseFigures
{
    [Id(0)] public long Count { get; init; }
    [Id(1)] public double? P50Milliseconds { get; init; }
    [Id(2)] public double? P90Milliseconds { get; init; }
    [Id(3)] public double? P99Milliseconds { get; init; }
    [Id(4)] public double? MaxMilliseconds { get; init; }
}

public static class ResponseStats
{
    public const int BreachesListed = 100;

    public static string Key(string tenant) => TenantScoped.Key(tenant, "response-stats");
}

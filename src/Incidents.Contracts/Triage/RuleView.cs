namespace Incidents.Contracts.Triage;

/// <summary>
/// What the estate learned of one rule, for a person deciding whether to trust it: its counts and decisions, its
/// baselines by event time, its verdicts overall and by host, and the weight they give it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.RuleView")]
public sealed record RuleView
{
    [Id(0)] public required string Rule { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public required DateTimeOffset FirstSeen { get; init; }
    [Id(3)] public required DateTimeOffset LastSeen { get; init; }
    [Id(4)] public required long Alerts { get; init; }
    [Id(5)] public required DecisionCounts Decisions { get; init; }
    [Id(6)] public required long IncidentsOpened { get; init; }

    /// <summary>Alerts in the 24 hours (event time) up to its newest.</summary>
    [Id(7)] public required long Last24Hours { get; init; }

    /// <summary>Alerts per day (event time), oldest first, the last <see cref="DaysShown"/> days it fired on.</summary>
    [Id(8)] public required IReadOnlyList<DayCount> PerDay { get; init; }

    /// <summary>Distinct hosts it fired on, counted up to <see cref="HostsCounted"/>.</summary>
    [Id(9)] public required int Hosts { get; init; }

    [Id(10)] public required VerdictCounts Verdicts { get; init; }

    /// <summary>Hosts with verdicts, most false positives first.</summary>
    [Id(11)] public required IReadOnlyList<HostVerdicts> ByHost { get; init; }

    /// <summary>The latest verdicts, newest last.</summary>
    [Id(12)] public required IReadOnlyList<VerdictEntry> History { get; init; }

    /// <summary>Points its verdicts give its alerts across the estate (signed); a host's own verdicts add to it there.</summary>
    [Id(13)] public required int Weight { get; init; }

    public const int DaysShown = 7;
    public const int HostsCounted = 100;
}

[GenerateSerializer, Immutable, Alias("Incidents.DecisionCounts")]
public sealed record DecisionCounts(
    [property: Id(0)] long Suppressed,
    [property: Id(1)] long Recorded,
    [property: Id(2)] long Opened,
    [property: Id(3)] long Joined)
{
    public static readonly DecisionCounts None = new(0, 0, 0, 0);

    public long Total => Suppressed + Recorded + Opened + Joined;

    public DecisionCounts Add(RuleTally t) => new(Suppressed + t.Suppressed, Recorded + t.Recorded, Opened + t.Opened, Joined + t.Joined);

    public DecisionCounts Add(DecisionCounts o) => new(Suppressed + o.Suppressed, Recorded + o.Recorded, Opened + o.Opened, Joined + o.Joined);
}

[GenerateSerializer, Immutable, Alias("Incidents.DayCount")]
public sealed record DayCount([property: Id(0)] DateOnly Day, [property: Id(1)] long Alerts);

[GenerateSerializer, Immutable, Alias("Incidents.HostVerdicts")]
public sealed record HostVerdicts([property: Id(0)] string Host, [property: Id(1)] VerdictCounts Verdicts, [property: Id(2)] int Weight);

[GenerateSerializer, Immutable, Alias("Incidents.VerdictEntry")]
public sealed record VerdictEntry(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] Incidents.Classification? Classification,
    [property: Id(2)] DateTimeOffset At);

/// <summary>One day's triage in a shard (event time): alerts by decision, and incidents opened.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.TriageDay")]
public sealed record TriageDay(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] DecisionCounts Decisions,
    [property: Id(2)] long IncidentsOpened);

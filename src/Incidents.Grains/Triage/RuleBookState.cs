using Incidents.Contracts.Incidents;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Triage;

/// <summary>One shard of a tenant's rule book (<see cref="RuleBookRecord"/> holds its rules).</summary>
[GenerateSerializer, Alias("Incidents.RuleBookState")]
public sealed class RuleBookState
{
    [Id(0)] public Dictionary<string, RuleRecord> Rules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What each incident's verdict counted here, so that a retry or a reopening never counts twice.</summary>
    [Id(1)] public Dictionary<string, CountedVerdict> Verdicts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Incident ids of <see cref="Verdicts"/>, oldest first.</summary>
    [Id(2)] public List<string> VerdictOrder { get; set; } = [];

    [Id(3)] public List<TriageProposal> Proposals { get; set; } = [];

    /// <summary>By day number (event time): alerts by decision and incidents opened.</summary>
    [Id(4)] public Dictionary<long, TriageDay> Days { get; set; } = [];

    /// <summary>Moves whenever what hosts score by (first hours, verdicts) changes.</summary>
    [Id(5)] public long Version { get; set; }
}

[GenerateSerializer, Alias("Incidents.RuleRecord")]
public sealed class RuleRecord
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public long FirstHour { get; set; }
    [Id(2)] public long LastHour { get; set; }
    [Id(3)] public DecisionCounts Decisions { get; set; } = DecisionCounts.None;
    [Id(4)] public long IncidentsOpened { get; set; }

    /// <summary>Alerts by hour number, the last 48 hours up to <see cref="LastHour"/>.</summary>
    [Id(5)] public Dictionary<long, long> Hours { get; set; } = [];

    /// <summary>Alerts by day number, the last 14 days.</summary>
    [Id(6)] public Dictionary<long, long> Days { get; set; } = [];

    /// <summary>Hosts it fired on, up to <see cref="RuleView.HostsCounted"/>.</summary>
    [Id(7)] public List<string> Hosts { get; set; } = [];

    [Id(8)] public VerdictCounts Verdicts { get; set; } = VerdictCounts.None;

    /// <summary>Verdicts by host, at most <see cref="RuleBookRecord.HostVerdictsKept"/>.</summary>
    [Id(9)] public Dictionary<string, HostVerdictRecord> ByHost { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Newest last, at most <see cref="RuleBookRecord.HistoryKept"/>.</summary>
    [Id(10)] public List<VerdictEntry> History { get; set; } = [];
}

[GenerateSerializer, Alias("Incidents.HostVerdictRecord")]
public sealed class HostVerdictRecord
{
    [Id(0)] public VerdictCounts Verdicts { get; set; } = VerdictCounts.None;

    /// <summary>The incidents that were not threats, newest last, at most <see cref="TriageProposal.IncidentsKept"/>: a proposal's evidence.</summary>
    [Id(1)] public List<string> NotThreats { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("Incidents.CountedVerdict")]
public sealed record CountedVerdict(
    [property: Id(0)] Classification Classification,
    [property: Id(1)] IReadOnlyList<RuleHosts> Rules);

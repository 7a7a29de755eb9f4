using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Incidents;

/// <summary>An incident as a list shows it: enough to sort, filter and pick one, without its alerts.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentSummary")]
public sealed record IncidentSummary
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public required IncidentStatus Status { get; init; }
    [Id(3)] public required Severity Severity { get; init; }
    /// <summary>The first <see cref="ListedEntities"/> hosts; <see cref="HostCount"/> counts them all.</summary>
    [Id(4)] public required IReadOnlyList<string> Hosts { get; init; }
    [Id(5)] public required IReadOnlyList<string> Users { get; init; }
    [Id(6)] public required long AlertCount { get; init; }
    [Id(7)] public required DateTimeOffset FirstSeen { get; init; }
    [Id(8)] public required DateTimeOffset LastSeen { get; init; }
    [Id(9)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(10)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(11)] public required int HostCount { get; init; }
    [Id(12)] public required int UserCount { get; init; }

    /// <summary>What kind of attack it is, from its alerts' categories, and <c>lateral-movement</c> once it has a step.</summary>
    [Id(13)] public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The incident this one was merged into, when its status is <see cref="IncidentStatus.Merged"/>.</summary>
    [Id(14)] public string? MergedInto { get; init; }

    /// <summary>Counts the analysts' changes (not alerts): the <c>ETag</c> that <c>If-Match</c> checks.</summary>
    [Id(15)] public long Version { get; init; }

    [Id(16)] public string? Assignee { get; init; }
    [Id(17)] public string? Team { get; init; }
    [Id(18)] public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>An analyst's severity, set over the tools' own <see cref="Severity"/>.</summary>
    [Id(19)] public Severity? AnalystSeverity { get; init; }

    /// <summary>The verdict, once resolved.</summary>
    [Id(20)] public Classification? Classification { get; init; }

    /// <summary>The resolved incident this host's alerts were in before this one opened.</summary>
    [Id(21)] public string? Follows { get; init; }

    /// <summary>The owner of its most critical host, from the asset inventory (enrichment).</summary>
    [Id(22)] public string? Owner { get; init; }

    /// <summary>Its most critical host's criticality, 1–5 (5 a crown jewel), from the asset inventory.</summary>
    [Id(23)] public int? Criticality { get; init; }

    /// <summary>How many threat-intelligence hits its enrichment found.</summary>
    [Id(24)] public int IntelHits { get; init; }

    /// <summary>The escalation level it reached on its team's route (<c>on-call analyst</c>), once routed.</summary>
    [Id(25)] public string? EscalationLevel { get; init; }

    /// <summary>When its next escalation level hears unless someone acknowledges it; null when nothing is pending.</summary>
    [Id(26)] public DateTimeOffset? EscalationDeadline { get; init; }

    /// <summary>The severity to work it by: the analyst's when set, else the tools'.</summary>
    public Severity EffectiveSeverity => AnalystSeverity ?? Severity;

    /// <summary>How many hosts and users a summary names, so that a list of thousands stays small.</summary>
    public const int ListedEntities = 20;
}

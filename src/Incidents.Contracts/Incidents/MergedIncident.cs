using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;

namespace Incidents.Contracts.Incidents;

/// <summary>Everything an incident hands to the one it merges into.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.MergedIncident")]
public sealed record MergedIncident
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public required Severity Severity { get; init; }
    [Id(3)] public required DateTimeOffset FirstSeen { get; init; }
    [Id(4)] public required DateTimeOffset LastSeen { get; init; }

    /// <summary>All alerts it counted, of which <see cref="Alerts"/> are the ones it kept.</summary>
    [Id(5)] public required long AlertCount { get; init; }
    [Id(6)] public required IReadOnlyList<AlertSummary> Alerts { get; init; }
    [Id(7)] public required IReadOnlyList<string> Hosts { get; init; }
    [Id(8)] public required IReadOnlyList<string> Users { get; init; }
    [Id(9)] public required IReadOnlyList<string> ExternalAddresses { get; init; }
    [Id(10)] public required IReadOnlyList<string> Categories { get; init; }
    [Id(11)] public required IReadOnlyList<LateralEdge> LateralMovement { get; init; }
    [Id(12)] public required IReadOnlyList<TimelineEntry> Timeline { get; init; }
    [Id(13)] public IReadOnlyList<string> Observables { get; init; } = [];
    [Id(14)] public IReadOnlyList<string> RelatedHosts { get; init; } = [];

    /// <summary>Its workflow, which the survivor keeps: the furthest status, notes, assignment, tags and actions.</summary>
    [Id(15)] public IncidentStatus Status { get; init; }
    [Id(16)] public IReadOnlyList<IncidentNote> Notes { get; init; } = [];
    [Id(17)] public IReadOnlyList<TimelineEntry> Actions { get; init; } = [];
    [Id(18)] public string? Assignee { get; init; }
    [Id(19)] public string? Team { get; init; }
    [Id(20)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(21)] public Severity? AnalystSeverity { get; init; }
    [Id(22)] public DateTimeOffset? AcknowledgedAt { get; init; }
    [Id(23)] public string? AcknowledgedBy { get; init; }

    /// <summary>The ATT&amp;CK tactics its alerts showed.</summary>
    [Id(24)] public IReadOnlyList<string> Tactics { get; init; } = [];

    /// <summary>Its runbook tasks, the ticked ones kept ticked.</summary>
    [Id(25)] public IReadOnlyList<IncidentTask> Tasks { get; init; } = [];
}

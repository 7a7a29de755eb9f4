using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Escalation;

/// <summary>What happened on an incident's escalation path, as its team's webhooks are told.</summary>
public enum EscalationEventKind
{
    /// <summary>The incident reached a team (its first route).</summary>
    Routed,

    /// <summary>Nobody acknowledged it in time: the next level hears.</summary>
    Escalated,

    /// <summary>What it is changed (a lateral step, an exfiltration): another team has it now.</summary>
    Rerouted,

    /// <summary>Someone acknowledged it: the clock stopped.</summary>
    Acknowledged,

    /// <summary>It was resolved.</summary>
    Resolved,
}

/// <summary>
/// One event for a team's webhooks, handed by the incident to its outbox shard. <see cref="EventId"/> is the
/// idempotency key (<c>{incidentId}:{step}</c>): the same event handed twice is delivered once, and a receiver sees it in
/// the <c>X-Incidents-Event-Id</c> header of every attempt.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.EscalationNotice")]
public sealed record EscalationNotice
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required EscalationEventKind Kind { get; init; }
    [Id(2)] public required string IncidentId { get; init; }
    [Id(3)] public required string Title { get; init; }
    [Id(4)] public required Severity Severity { get; init; }

    /// <summary>The team told: the routed team's id (<see cref="EscalationTeam.Id"/>).</summary>
    [Id(5)] public required string Team { get; init; }

    /// <summary>The level reached, by name (<c>on-call analyst</c>) and index (0 first).</summary>
    [Id(6)] public required string Level { get; init; }
    [Id(7)] public int LevelIndex { get; init; }

    /// <summary>When the next level hears unless someone acknowledges; null at the last level or once acknowledged.</summary>
    [Id(8)] public DateTimeOffset? Deadline { get; init; }

    [Id(9)] public required string Reason { get; init; }
    [Id(10)] public required DateTimeOffset At { get; init; }

    /// <summary>A drill's incident: every body says so.</summary>
    [Id(11)] public bool Drill { get; init; }

    /// <summary>The route's name (<c>data exfiltration</c>).</summary>
    [Id(12)] public string? Route { get; init; }

    [Id(13)] public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Who acknowledged or resolved it, for those events.</summary>
    [Id(14)] public string? Actor { get; init; }
}

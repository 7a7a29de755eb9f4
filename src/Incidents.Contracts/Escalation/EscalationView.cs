namespace Incidents.Contracts.Escalation;

/// <summary>
/// Where an incident stands on its escalation path: the team it was routed to, the level reached, when the next level
/// hears unless someone acknowledges, and each step taken with its reason.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.EscalationView")]
public sealed record EscalationView
{
    [Id(0)] public required string Team { get; init; }
    [Id(1)] public required string Route { get; init; }
    [Id(2)] public required long PolicyVersion { get; init; }
    [Id(3)] public required int Level { get; init; }
    [Id(4)] public required string LevelName { get; init; }
    [Id(5)] public required DateTimeOffset RoutedAt { get; init; }

    /// <summary>When the next level hears; null once acknowledged, resolved, or at the last level.</summary>
    [Id(6)] public DateTimeOffset? Deadline { get; init; }

    /// <summary>The acknowledgement deadline of its route (its second level's time); null for a route of one level.</summary>
    [Id(7)] public DateTimeOffset? AcknowledgeBy { get; init; }

    /// <summary>True once it was not acknowledged by <see cref="AcknowledgeBy"/>.</summary>
    [Id(8)] public bool Breached { get; init; }

    /// <summary>Oldest first.</summary>
    [Id(9)] public IReadOnlyList<EscalationStep> Steps { get; init; } = [];
}

/// <summary>One step on an incident's escalation path: what happened, to which team and level, and why.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.EscalationStep")]
public sealed record EscalationStep(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] EscalationEventKind Kind,
    [property: Id(2)] string Team,
    [property: Id(3)] int Level,
    [property: Id(4)] string Reason);

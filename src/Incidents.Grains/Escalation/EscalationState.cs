using Incidents.Contracts.Escalation;

namespace Incidents.Grains.Escalation;

/// <summary>
/// An incident's place on its escalation path, kept in its state and written before anything is sent: the route it
/// took (with the levels as they were then, so that a policy changed later does not move a running clock), the level
/// reached, the next deadline, each step, and the notices decided but not yet handed to the outbox.
/// </summary>
[GenerateSerializer, Alias("Incidents.EscalationState")]
public sealed record EscalationState
{
    [Id(0)] public required EscalationRoute Route { get; set; }
    [Id(1)] public long PolicyVersion { get; set; }
    [Id(2)] public DateTimeOffset RoutedAt { get; set; }
    [Id(3)] public int Level { get; set; }

    /// <summary>When the next level is due; null once acknowledged, resolved, merged, or at the last level.</summary>
    [Id(4)] public DateTimeOffset? Deadline { get; set; }

    /// <summary>Not acknowledged by the route's first deadline (it reached its second level).</summary>
    [Id(5)] public bool Breached { get; set; }

    /// <summary>Oldest first, the newest <see cref="IncidentEscalation.StepsKept"/>.</summary>
    [Id(6)] public List<EscalationStep> Steps { get; set; } = [];

    /// <summary>Counts the notices decided: each one's idempotency key is <c>{incidentId}:{n}</c>.</summary>
    [Id(7)] public int Sequence { get; set; }

    /// <summary>Decided and written, not yet taken by the outbox: handed again after a failure or a lost silo.</summary>
    [Id(8)] public List<EscalationNotice> Untold { get; set; } = [];

    /// <summary>The deadline a reminder is registered for, so that a later activation knows whether to move or drop it.</summary>
    [Id(9)] public DateTimeOffset? ReminderAt { get; set; }
}

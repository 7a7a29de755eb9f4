using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Incidents;

/// <summary>
/// Something an analyst does to an incident. <see cref="Actor"/> is who (an API key's name or a token's subject);
/// <see cref="IfVersion"/> the version the analyst acted on (<c>If-Match</c>): when the incident has moved on since,
/// the action is refused as stale rather than overwriting what the analyst has not seen.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentAction")]
public abstract record IncidentAction
{
    [Id(0)] public required string Actor { get; init; }
    [Id(1)] public long? IfVersion { get; init; }

    /// <summary>What the audit log and the timeline call it.</summary>
    public abstract string Kind { get; }
}

/// <summary>Someone has seen it and owns the response: a new incident becomes acknowledged.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.Acknowledge")]
public sealed record Acknowledge : IncidentAction
{
    public override string Kind => "acknowledge";
}

/// <summary>Gives it to an analyst (null: to no one), and to a team when one is named.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.Assign")]
public sealed record Assign : IncidentAction
{
    [Id(0)] public string? Assignee { get; init; }
    [Id(1)] public string? Team { get; init; }

    public override string Kind => "assign";
}

/// <summary>Moves its status; resolving needs a <see cref="Classification"/>, and every move a reason.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.ChangeStatus")]
public sealed record ChangeStatus : IncidentAction
{
    [Id(0)] public required IncidentStatus Status { get; init; }
    [Id(1)] public required string Reason { get; init; }
    [Id(2)] public Classification? Classification { get; init; }

    public override string Kind => "status";
}

[GenerateSerializer, Immutable, Alias("Incidents.AddNote")]
public sealed record AddNote : IncidentAction
{
    [Id(0)] public required string Text { get; init; }

    public override string Kind => "note";
}

/// <summary>The analyst's severity, shown beside the tools' own; null takes the override away.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.OverrideSeverity")]
public sealed record OverrideSeverity : IncidentAction
{
    [Id(0)] public Severity? Severity { get; init; }
    [Id(1)] public required string Reason { get; init; }

    public override string Kind => "severity";
}

[GenerateSerializer, Immutable, Alias("Incidents.ChangeTags")]
public sealed record ChangeTags : IncidentAction
{
    [Id(0)] public IReadOnlyList<string> Add { get; init; } = [];
    [Id(1)] public IReadOnlyList<string> Remove { get; init; } = [];

    public override string Kind => "tags";
}

/// <summary>Ticks off a task of a runbook attached to the incident (<see cref="IncidentTask.Id"/>).</summary>
[GenerateSerializer, Immutable, Alias("Incidents.CompleteTask")]
public sealed record CompleteTask : IncidentAction
{
    [Id(0)] public required string TaskId { get; init; }

    public override string Kind => "task";
}

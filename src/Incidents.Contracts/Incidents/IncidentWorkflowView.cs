namespace Incidents.Contracts.Incidents;

/// <summary>The times of an incident's response and the reasons given, for the view and the response metrics.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentWorkflowView")]
public sealed record IncidentWorkflowView
{
    [Id(0)] public DateTimeOffset? AcknowledgedAt { get; init; }
    [Id(1)] public string? AcknowledgedBy { get; init; }
    [Id(2)] public DateTimeOffset? ContainedAt { get; init; }
    [Id(3)] public DateTimeOffset? ResolvedAt { get; init; }
    [Id(4)] public string? Resolution { get; init; }
    [Id(5)] public string? SeverityReason { get; init; }
    [Id(6)] public int Reopened { get; init; }
}

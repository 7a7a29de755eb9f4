namespace Incidents.Contracts.Incidents;

/// <summary>
/// One step of a runbook attached to an incident, for an analyst to tick off. <see cref="Id"/> is stable: the
/// runbook's category and the step's number (<c>lateral-movement-3</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentTask")]
public sealed record IncidentTask(
    [property: Id(0)] string Id,
    [property: Id(1)] string Runbook,
    [property: Id(2)] string Text)
{
    [Id(3)] public bool Done { get; init; }
    [Id(4)] public string? DoneBy { get; init; }
    [Id(5)] public DateTimeOffset? DoneAt { get; init; }
}

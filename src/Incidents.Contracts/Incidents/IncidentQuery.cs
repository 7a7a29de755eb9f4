namespace Incidents.Contracts.Incidents;

[GenerateSerializer, Immutable, Alias("Incidents.IncidentQuery")]
public sealed record IncidentQuery(
    [property: Id(0)] string? Host,
    [property: Id(1)] IncidentStatus? Status,
    [property: Id(2)] int Limit);

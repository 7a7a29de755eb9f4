namespace Incidents.Contracts.Correlation;

/// <summary>
/// What a host in an incident tells a host it reached after its compromise (or a user grain tells a host the
/// account moved to): "you may be part of incident <see cref="IncidentId"/> from <see cref="Edge"/>'s time on".
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.Suspicion")]
public sealed record Suspicion(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] LateralEdge Edge,
    [property: Id(2)] LateralKind Kind)
{
    public DateTimeOffset Time => Edge.FirstSeen;
}


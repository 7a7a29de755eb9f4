using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Incidents;

[GenerateSerializer, Alias("Incidents.IncidentListState")]
public sealed record IncidentListState
{
    [Id(0)] public Dictionary<string, IncidentSummary> Incidents { get; set; } = new(StringComparer.Ordinal);
}

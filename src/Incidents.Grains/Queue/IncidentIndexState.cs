using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Queue;

[GenerateSerializer, Alias("Incidents.IncidentIndexState")]
public sealed record IncidentIndexState
{
    /// <summary>By incident id; at most <see cref="CorrelationOptions.QueueShardIncidentsKept"/>.</summary>
    [Id(0)] public Dictionary<string, IncidentSummary> Incidents { get; set; } = new(StringComparer.Ordinal);
}

using Incidents.Alerts;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Incidents;

[GenerateSerializer, Alias("Incidents.IncidentState")]
public sealed record IncidentState
{
    [Id(0)] public DateTimeOffset? CreatedAt { get; set; }
    [Id(1)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public IncidentStatus Status { get; set; }
    [Id(4)] public Severity Severity { get; set; }
    [Id(5)] public DateTimeOffset FirstSeen { get; set; }
    [Id(6)] public DateTimeOffset LastSeen { get; set; }
    [Id(7)] public long AlertCount { get; set; }

    /// <summary>Newest last, at most <see cref="CorrelationOptions.IncidentAlertsKept"/>.</summary>
    [Id(8)] public List<AlertSummary> Alerts { get; set; } = [];

    /// <summary>First seen first, at most <see cref="CorrelationOptions.IncidentEntitiesKept"/>.</summary>
    [Id(9)] public List<string> Hosts { get; set; } = [];

    [Id(10)] public List<string> Users { get; set; } = [];

    /// <summary>Newest last, at most <see cref="CorrelationOptions.IncidentTimelineKept"/>.</summary>
    [Id(11)] public List<TimelineEntry> Timeline { get; set; } = [];

    public bool Exists => CreatedAt is not null;
}

using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
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

    /// <summary>First seen first, at most <see cref="CorrelationOptions.IncidentEntitiesKept"/>.</summary>
    [Id(12)] public List<string> ExternalAddresses { get; set; } = [];

    /// <summary>At most <see cref="MaxCategories"/>.</summary>
    [Id(13)] public List<string> Categories { get; set; } = [];

    /// <summary>Lateral steps in the order drawn, at most <see cref="CorrelationOptions.IncidentStepsKept"/>.</summary>
    [Id(14)] public List<LateralEdge> LateralMovement { get; set; } = [];

    [Id(15)] public long StepsNotKept { get; set; }

    [Id(16)] public string? MergedInto { get; set; }

    /// <summary>The incidents merged into this one, so that a repeated merge does not count their alerts twice.</summary>
    [Id(17)] public List<string> Absorbed { get; set; } = [];

    /// <summary>First seen first, at most <see cref="CorrelationOptions.IncidentEntitiesKept"/>.</summary>
    [Id(18)] public List<string> Observables { get; set; } = [];

    /// <summary>
    /// Internal hosts its alerts name that are not members (not compromised in it, not reached by a step): shown,
    /// never routed, escalated, merged or counted. First seen first, at most <see cref="CorrelationOptions.IncidentEntitiesKept"/>.
    /// </summary>
    [Id(19)] public List<string> RelatedHosts { get; set; } = [];

    public const int MaxCategories = 20;

    public bool Exists => CreatedAt is not null;
}

using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Incidents;

/// <summary>One incident in full: its summary, every host and user, a page of its alerts and its timeline.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentView")]
public sealed record IncidentView(
    [property: Id(0)] IncidentSummary Summary,
    [property: Id(1)] IReadOnlyList<AlertSummary> Alerts,
    [property: Id(2)] long AlertsNotShown,
    [property: Id(3)] IReadOnlyList<TimelineEntry> Timeline,
    [property: Id(4)] IReadOnlyList<string> Hosts,
    [property: Id(5)] IReadOnlyList<string> Users);

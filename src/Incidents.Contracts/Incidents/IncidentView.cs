using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;

namespace Incidents.Contracts.Incidents;

/// <summary>
/// One incident in full: its summary, every host, user, external address and observable, the lateral movement between its hosts,
/// a page of its alerts and its timeline. <see cref="Hosts"/> are its members: compromised in it, or reached by one of its
/// steps; <see cref="RelatedHosts"/> are other internal hosts its alerts name, shown and never routed on.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentView")]
public sealed record IncidentView(
    [property: Id(0)] IncidentSummary Summary,
    [property: Id(1)] IReadOnlyList<AlertSummary> Alerts,
    [property: Id(2)] long AlertsNotShown,
    [property: Id(3)] IReadOnlyList<TimelineEntry> Timeline,
    [property: Id(4)] IReadOnlyList<string> Hosts,
    [property: Id(5)] IReadOnlyList<string> Users,
    [property: Id(6)] IReadOnlyList<string> ExternalAddresses,
    [property: Id(7)] IReadOnlyList<LateralEdge> LateralMovement,
    [property: Id(8)] IReadOnlyList<string> Observables,
    [property: Id(9)] IReadOnlyList<string> RelatedHosts)
{
    /// <summary>Analysts' notes, oldest first (the newest <c>IncidentState.NotesKept</c>).</summary>
    [Id(10)] public IReadOnlyList<IncidentNote> Notes { get; init; } = [];

    /// <summary>The workflow beyond the summary: when it was acknowledged, contained, resolved, and why.</summary>
    [Id(11)] public IncidentWorkflowView? Workflow { get; init; }

    /// <summary>What its enrichers found, and how each run went (filled by the API from the incident's enrichment grain).</summary>
    [Id(12)] public Enrichment.EnrichmentView? Enrichment { get; init; }

    /// <summary>Hosts its attacker can reach next that have raised no alert yet, most critical first.</summary>
    [Id(13)] public IReadOnlyList<Enrichment.BlastRadiusHost> BlastRadius { get; init; } = [];

    /// <summary>Its team, escalation level and deadline, and each step taken with its reason; null until routed.</summary>
    [Id(14)] public Escalation.EscalationView? Escalation { get; init; }

    /// <summary>The tasks of the runbooks attached to it, in the order attached.</summary>
    [Id(20)] public IReadOnlyList<IncidentTask> Tasks { get; init; } = [];

    /// <summary>The incident this one was merged into, when it was.</summary>
    public string? MergedInto => Summary.MergedInto;
}

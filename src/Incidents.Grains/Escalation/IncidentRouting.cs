using Incidents.Contracts.Escalation;

namespace Incidents.Grains.Escalation;

/// <summary>Which route of a policy an incident takes: the first whose conditions it fits (plain rules, no grain).</summary>
public static class IncidentRouting
{
    /// <summary>The first route that matches; null only for a policy whose routes all have conditions none of which holds.</summary>
    public static EscalationRoute? Choose(EscalationPolicy policy, IncidentFacts incident) =>
        policy.Routes.FirstOrDefault(route => route.When.Count == 0 || route.When.Any(condition => Holds(condition, incident)));

    public static bool Holds(RouteCondition condition, IncidentFacts incident) =>
        (condition.Categories.Count == 0 || condition.Categories.Any(c => incident.Categories.Contains(c, StringComparer.OrdinalIgnoreCase)))
        && (condition.Tactics.Count == 0 || condition.Tactics.Any(t => incident.Tactics.Contains(t, StringComparer.OrdinalIgnoreCase)))
        && (condition.MinSeverity is not { } severity || incident.Severity >= severity)
        && (condition.MinCriticality is not { } criticality || incident.Criticality >= criticality)
        && (condition.Zones.Count == 0 || (incident.Zone is { } zone && condition.Zones.Contains(zone, StringComparer.OrdinalIgnoreCase)))
        && (condition.Tags.Count == 0 || condition.Tags.Any(t => incident.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
        && (!condition.IntelHit || incident.IntelHits > 0);
}

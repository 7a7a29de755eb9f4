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

    /// <summary>Why the incident takes <paramref name="route"/>, in words for its timeline: what of it the first condition that holds matched.</summary>
    public static string Because(EscalationRoute route, IncidentFacts incident)
    {
        if (route.When.FirstOrDefault(c => Holds(c, incident)) is not { } condition)
        {
            return "no other route matched";
        }

        List<string> parts = [];
        Matched("category", condition.Categories, incident.Categories);
        Matched("tactic", condition.Tactics, incident.Tactics);
        Matched("tag", condition.Tags, incident.Tags);
        if (condition.MinSeverity is { } severity)
        {
            parts.Add($"severity {incident.Severity} (at least {severity})");
        }

        if (condition.MinCriticality is { } criticality)
        {
            parts.Add(FormattableString.Invariant($"asset criticality {incident.Criticality} (at least {criticality})"));
        }

        if (condition.Zones.Count > 0)
        {
            parts.Add($"zone {incident.Zone}");
        }

        if (condition.IntelHit)
        {
            parts.Add("an intelligence hit");
        }

        return string.Join(", ", parts);

        void Matched(string what, IReadOnlyList<string> wanted, IReadOnlyList<string> has)
        {
            if (wanted.FirstOrDefault(w => has.Contains(w, StringComparer.OrdinalIgnoreCase)) is { } value)
            {
                parts.Add($"{what} {value}");
            }
        }
    }
}

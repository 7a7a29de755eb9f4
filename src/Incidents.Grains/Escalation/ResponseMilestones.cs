using Incidents.Contracts.Escalation;
using Incidents.Contracts.Response;
using Incidents.Grains.Incidents;

namespace Incidents.Grains.Escalation;

/// <summary>
/// Which of an incident's response measures are known and not yet told to the tenant's figures (plain rules). Each is
/// told once; a drill's never (its figures are its own report's).
/// </summary>
public static class ResponseMilestones
{
    public const string Unrouted = "unrouted";

    public static IReadOnlyList<ResponseMilestone> Due(IncidentState state, string incidentId)
    {
        if (state.CreatedAt is not { } opened || state.Drill is not null || state.MergedInto is not null)
        {
            return [];
        }

        var team = state.Escalation?.Route.Team ?? Unrouted;
        List<ResponseMilestone> due = [];
        void Known(ResponseMeasure measure, DateTimeOffset? at, DateTimeOffset from)
        {
            if (at is { } time && (state.ResponseTold & Flag(measure)) == 0)
            {
                due.Add(new ResponseMilestone(incidentId, measure, Max(time - from, TimeSpan.Zero), time, team));
            }
        }

        // Triage: from its first alert's arrival (its event time may be hours old, or skewed) to the incident.
        var received = state.Alerts.Where(a => a.ReceivedAt != default).Select(a => a.ReceivedAt).DefaultIfEmpty(opened).Min();
        Known(ResponseMeasure.Triage, opened, received < opened ? received : opened);
        Known(ResponseMeasure.Enrichment, state.EnrichedAt, opened);
        Known(ResponseMeasure.Escalation, state.Escalation?.Steps.FirstOrDefault(s => s.Kind == EscalationEventKind.Routed)?.At ?? state.Escalation?.RoutedAt, opened);
        Known(ResponseMeasure.Acknowledge, state.AcknowledgedAt, opened);
        Known(ResponseMeasure.Contain, state.ContainedAt, opened);
        Known(ResponseMeasure.Resolve, state.ResolvedAt, opened);
        if (state.Escalation is { Breached: true, Route.Levels: { Count: > 1 } levels } && (state.ResponseTold & Flag(ResponseMeasure.Breach)) == 0)
        {
            var at = state.Escalation.Steps.FirstOrDefault(s => s.Kind == EscalationEventKind.Escalated)?.At ?? state.Escalation.RoutedAt + levels[1].After;
            due.Add(new ResponseMilestone(incidentId, ResponseMeasure.Breach, levels[1].After, at, team));
        }

        return due;
    }

    public static void Told(IncidentState state, IEnumerable<ResponseMilestone> told)
    {
        foreach (var milestone in told)
        {
            state.ResponseTold |= Flag(milestone.Measure);
        }
    }

    private static int Flag(ResponseMeasure measure) => 1 << (int)measure;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a >= b ? a : b;
}

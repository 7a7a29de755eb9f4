using Incidents.Contracts.Escalation;
using Incidents.Contracts.Incidents;

namespace Incidents.Api.Escalation;

/// <summary>A drill as its report shows it: each stage's time from the start, and whether its team acknowledged in time.</summary>
public sealed record DrillReport(
    string Id,
    DrillScenario Scenario,
    DateTimeOffset StartedAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> Hosts,
    string? IncidentId,
    string? Team,
    DateTimeOffset? AcknowledgeBy,
    bool? AcknowledgedInTime,
    IReadOnlyList<DrillStage> Stages)
{
    public static DrillReport Of(DrillRecord drill, IncidentView? incident, DateTimeOffset now)
    {
        var plan = drill.Plan;
        List<DrillStage> stages = [new("posted", plan.StartedAt, TimeSpan.Zero)];
        void Stage(string name, DateTimeOffset? at, string? detail = null)
        {
            if (at is { } time)
            {
                stages.Add(new DrillStage(name, time, time - plan.StartedAt) { Detail = detail });
            }
        }

        var escalation = incident?.Escalation;
        Stage("opened", incident?.Summary.CreatedAt);
        foreach (var step in escalation?.Steps ?? [])
        {
            Stage(EnumNames.Wire(step.Kind), step.At, step.Reason);
        }

        if (escalation?.Steps.Any(s => s.Kind == EscalationEventKind.Acknowledged) != true)
        {
            Stage("acknowledged", incident?.Workflow?.AcknowledgedAt);
        }

        var acknowledged = incident?.Workflow?.AcknowledgedAt;
        var inTime = escalation?.AcknowledgeBy is not { } by ? (bool?)null
            : acknowledged is { } at ? at <= by
            : now > by ? false : null;
        return new DrillReport(plan.Id, plan.Scenario, plan.StartedAt, plan.EndsAt, drill.EndedAt, plan.Hosts, drill.IncidentId,
            escalation?.Team, escalation?.AcknowledgeBy, inTime, [.. stages.OrderBy(s => s.At)]);
    }
}

/// <summary>A stage a drill reached: when, and how long after it started.</summary>
public sealed record DrillStage(string Stage, DateTimeOffset At, TimeSpan AfterStart)
{
    public string? Detail { get; init; }
}

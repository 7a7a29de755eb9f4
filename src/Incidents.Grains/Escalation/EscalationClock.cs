using System.Globalization;
using Incidents.Contracts.Escalation;

namespace Incidents.Grains.Escalation;

/// <summary>
/// What is due on an incident's escalation clock (plain rules: its state and the time in, a decision out). Levels are
/// counted from the routing; a clock that slept past several deadlines (a silo lost for a while) goes to the level
/// that is due now, once, never to each in turn.
/// </summary>
public static class EscalationClock
{
    public static EscalationDue Due(EscalationRoute route, DateTimeOffset routedAt, int level, bool acknowledged, DateTimeOffset now)
    {
        if (acknowledged || level + 1 >= route.Levels.Count)
        {
            return EscalationDue.Nothing;
        }

        var due = level;
        while (due + 1 < route.Levels.Count && routedAt + route.Levels[due + 1].After <= now)
        {
            due++;
        }

        if (due > level)
        {
            var next = due + 1 < route.Levels.Count ? routedAt + route.Levels[due + 1].After : (DateTimeOffset?)null;
            return new EscalationDue(due, next, string.Create(CultureInfo.InvariantCulture,
                $"not acknowledged within {route.Levels[due].After.TotalMinutes:0} min: {route.Levels[due].Name}"));
        }

        return new EscalationDue(null, routedAt + route.Levels[level + 1].After, null);
    }
}

/// <summary>
/// <see cref="Level"/>: the level to escalate to now (null: none); <see cref="Deadline"/>: when to look again (null:
/// never, the last level is reached or it was acknowledged); <see cref="Reason"/>: the step's reason, for the timeline.
/// </summary>
public sealed record EscalationDue(int? Level, DateTimeOffset? Deadline, string? Reason)
{
    public static readonly EscalationDue Nothing = new(null, null, null);
}

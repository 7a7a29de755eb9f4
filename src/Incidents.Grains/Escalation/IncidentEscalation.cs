using Incidents.Contracts.Escalation;
using Incidents.Contracts.Incidents;
using Incidents.Grains.Incidents;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Escalation;

/// <summary>
/// The rules of an incident's escalation, without messaging or storage (its state and the time in, changes and
/// notices out): which route it takes and when it changes, what its clock has made due, and what acknowledging and
/// resolving stop. A step and its notice are put in the state together, so that once written they are neither lost
/// nor taken twice, whichever of a reminder, a timer or a replay wakes it.
/// </summary>
public sealed class IncidentEscalation(IncidentState state)
{
    public const int StepsKept = 100;
    public const int UntoldKept = 50;

    public EscalationState? Current => state.Escalation;

    /// <summary>When its clock must next look (null: it has nothing to wait for).</summary>
    public DateTimeOffset? Deadline => state.Escalation?.Deadline;

    /// <summary>The name of the level it reached; null until routed.</summary>
    public string? LevelName => state.Escalation is { } e ? e.Route.Levels[Math.Min(e.Level, e.Route.Levels.Count - 1)].Name : null;

    /// <summary>What routing reads of it.</summary>
    public IncidentFacts Facts() => new()
    {
        Categories = [.. state.Categories],
        Tactics = [.. state.Tactics],
        Severity = state.AnalystSeverity ?? state.Severity,
        Criticality = state.Criticality,
        Zone = state.Zone,
        Tags = [.. state.Tags],
        IntelHits = state.IntelHits,
    };

    private bool Live => state.Exists && state.MergedInto is null && state.Status is not IncidentStatus.Resolved;

    private bool Acknowledged => state.AcknowledgedAt is not null;

    /// <summary>
    /// Routes it under <paramref name="policy"/> when it has no team yet, or re-routes it when what it is now takes it to
    /// another team (a lateral step, an exfiltration): the new team's first level hears, and its clock starts again
    /// unless someone has acknowledged it. Returns whether anything changed.
    /// </summary>
    public bool Route(string incidentId, EscalationPolicy policy, DateTimeOffset now)
    {
        if (!Live)
        {
            return false;
        }

        var facts = Facts();
        if (IncidentRouting.Choose(policy, facts) is not { Levels.Count: > 0 } route)
        {
            return false;
        }

        var before = state.Escalation;
        if (before is not null && before.Route.Team == route.Team)
        {
            return false; // the same team: its clock runs on as routed
        }

        var because = IncidentRouting.Because(route, facts);
        state.Escalation = new EscalationState
        {
            Route = route,
            PolicyVersion = policy.Version,
            RoutedAt = now,
            Level = 0,
            Deadline = Acknowledged || route.Levels.Count < 2 ? null : now + route.Levels[1].After,
            Breached = before?.Breached ?? false,
            Steps = before?.Steps ?? [],
            Sequence = before?.Sequence ?? 0,
            Untold = before?.Untold ?? [],
            ReminderAt = before?.ReminderAt,
        };

        // The team shown is the routed one, unless an analyst chose another.
        if (state.Team is null || state.Team == before?.Route.Team)
        {
            state.Team = route.Team;
        }

        Shown(now);

        if (before is null)
        {
            Step(incidentId, EscalationEventKind.Routed, now, $"Routed to team {route.Team} ({route.Levels[0].Name}) by route '{route.Name}': {because}");
        }
        else
        {
            Step(incidentId, EscalationEventKind.Rerouted, now, $"Re-routed from team {before.Route.Team} to team {route.Team} ({route.Levels[0].Name}) by route '{route.Name}': {because}");
        }

        return true;
    }

    /// <summary>
    /// What its clock has made due by <paramref name="now"/>: the next level when nobody acknowledged in time (once, however
    /// late it wakes), or nothing. Returns whether anything changed.
    /// </summary>
    public bool Tick(string incidentId, DateTimeOffset now)
    {
        if (state.Escalation is not { Deadline: not null } escalation)
        {
            return false;
        }

        if (!Live || Acknowledged)
        {
            escalation.Deadline = null; // stopped: what stopped it said so when it happened
            return true;
        }

        var due = EscalationClock.Due(escalation.Route, escalation.RoutedAt, escalation.Level, acknowledged: false, now);
        if (due.Level is not { } level)
        {
            var moved = escalation.Deadline != due.Deadline;
            escalation.Deadline = due.Deadline;
            return moved;
        }

        escalation.Level = level;
        escalation.Deadline = due.Deadline;
        escalation.Breached = true;
        Shown(now);
        Step(incidentId, EscalationEventKind.Escalated, now, $"Escalated to {escalation.Route.Levels[level].Name} of team {escalation.Route.Team}: {due.Reason}");
        return true;
    }

    /// <summary>Someone owns it now: the clock stops and its team hears. Call once the action is applied.</summary>
    public bool Stop(string incidentId, EscalationEventKind why, string actor, DateTimeOffset now)
    {
        if (state.Escalation is not { } escalation || escalation.Steps.Exists(s => s.Kind == why) && why is EscalationEventKind.Acknowledged)
        {
            return false;
        }

        escalation.Deadline = null;
        Step(incidentId, why, now, why is EscalationEventKind.Resolved ? $"Resolved by {actor}: the clock stopped" : $"Acknowledged by {actor}: the clock stopped", actor);
        return true;
    }

    /// <summary>The notices decided and not yet taken by the outbox, oldest first.</summary>
    public IReadOnlyList<EscalationNotice> Untold => state.Escalation?.Untold ?? [];

    /// <summary>The outbox took these: they are not handed again.</summary>
    public void Told(IReadOnlyCollection<EscalationNotice> notices) =>
        state.Escalation?.Untold.RemoveAll(n => notices.Any(t => t.EventId == n.EventId));

    public EscalationView? View()
    {
        if (state.Escalation is not { } e)
        {
            return null;
        }

        return new EscalationView
        {
            Team = e.Route.Team,
            Route = e.Route.Name,
            PolicyVersion = e.PolicyVersion,
            Level = e.Level,
            LevelName = LevelName!,
            RoutedAt = e.RoutedAt,
            Deadline = e.Deadline,
            AcknowledgeBy = e.Route.Levels.Count > 1 ? e.RoutedAt + e.Route.Levels[1].After : null,
            Breached = e.Breached,
            Steps = [.. e.Steps],
        };
    }

    /// <summary>What the queue shows changed: its summary must be newer than the one the queue holds.</summary>
    private void Shown(DateTimeOffset now) => state.UpdatedAt = now > state.UpdatedAt ? now : state.UpdatedAt.AddTicks(1);

    /// <summary>Its steps as timeline entries, so that the timeline says what escalation did and why.</summary>
    public IEnumerable<TimelineEntry> Timeline() =>
        (state.Escalation?.Steps ?? []).Select(s => new TimelineEntry(s.At, "escalation", s.Reason));

    private void Step(string incidentId, EscalationEventKind kind, DateTimeOffset now, string reason, string? actor = null)
    {
        var e = state.Escalation!;
        e.Steps.Add(new EscalationStep(now, kind, e.Route.Team, e.Level, reason));
        e.Steps.TrimToNewest(StepsKept);
        e.Sequence++;
        e.Untold.Add(new EscalationNotice
        {
            EventId = FormattableString.Invariant($"{incidentId}:{e.Sequence}"),
            Kind = kind,
            IncidentId = incidentId,
            Title = state.Title,
            Severity = state.AnalystSeverity ?? state.Severity,
            Team = e.Route.Team,
            Level = e.Route.Levels[e.Level].Name,
            LevelIndex = e.Level,
            Deadline = e.Deadline,
            Reason = reason,
            At = now,
            Drill = state.Drill is not null,
            Route = e.Route.Name,
            Categories = [.. state.Categories],
            Actor = actor,
        });
        e.Untold.TrimToNewest(UntoldKept);
    }
}

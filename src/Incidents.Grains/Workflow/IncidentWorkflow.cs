using System.Text.Json;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Incidents;
using Incidents.Grains.Incidents;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Workflow;

/// <summary>
/// The rules of an incident's response, without messaging or storage: which status moves are legal, what each
/// analyst action changes, what it records, and what a merge keeps. <see cref="IncidentGrain"/> calls
/// <see cref="Apply"/> and writes at once when it says <see cref="ActionResult.Done"/>.
/// </summary>
public sealed partial class IncidentWorkflow(IncidentState state)
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 64;
    public const int MaxNameLength = 128;
    public const int MaxReasonLength = 2_000;
    public const int NotesKept = 100;
    public const int ActionsKept = 500;

    /// <summary>The line statuses move along; reopening (resolved to investigating) is the one step back.</summary>
    private static readonly IncidentStatus[] Line =
        [IncidentStatus.New, IncidentStatus.Acknowledged, IncidentStatus.Investigating, IncidentStatus.Contained, IncidentStatus.Resolved];

    /// <summary>Where a status stands on the line; -1 for <see cref="IncidentStatus.Merged"/>, which is off it.</summary>
    public static int Rank(IncidentStatus status) => Array.IndexOf(Line, status);

    /// <summary>The statuses an incident in <paramref name="from"/> may be moved to.</summary>
    public static IReadOnlyList<IncidentStatus> LegalTargets(IncidentStatus from) => from switch
    {
        IncidentStatus.Merged => [],
        IncidentStatus.Resolved => [IncidentStatus.Investigating],
        _ => [.. Line.Where(s => Rank(s) > Rank(from))],
    };

    /// <summary>Takes no more alerts and neither absorbs nor is absorbed by another incident.</summary>
    public bool IsResolved => state.Status is IncidentStatus.Resolved;

    /// <summary>What is wrong with the action itself, whatever the incident's state; null when nothing is.</summary>
    public static string? Validate(IncidentAction action)
    {
        if (Text.Problem(action.Actor, "the actor", MaxNameLength) is { } actor)
        {
            return actor;
        }

        return action switch
        {
            Assign a => a.Assignee is null && a.Team is null ? null
                : (a.Assignee is null ? null : Text.Problem(a.Assignee, "'assignee'", MaxNameLength))
                  ?? (a.Team is null ? null : Text.Problem(a.Team, "'team'", MaxNameLength)),
            ChangeStatus c => c.Status is IncidentStatus.New or IncidentStatus.Merged
                    ? $"'status' may be set to {string.Join(", ", Line.Skip(1).Select(Name))}; '{Name(c.Status)}' is never a target."
                : Text.Problem(c.Reason, "'reason'", MaxReasonLength)
                  ?? (c.Status is IncidentStatus.Resolved && c.Classification is null
                      ? "Resolving needs a 'classification': truePositive, falsePositive or benign."
                      : c.Status is not IncidentStatus.Resolved && c.Classification is not null
                          ? "Only resolving takes a 'classification'."
                          : null),
            AddNote n => Text.Problem(n.Text, "'text'", IncidentNote.MaxLength, multiline: true),
            OverrideSeverity s => Text.Problem(s.Reason, "'reason'", MaxReasonLength),
            ChangeTags t => t.Add.Count + t.Remove.Count == 0 ? "Name tags to 'add' or 'remove'."
                : t.Add.Count + t.Remove.Count > 2 * MaxTags ? $"At most {MaxTags} tags a change."
                : t.Add.Concat(t.Remove).Select(tag => Text.Problem(tag, "a tag", MaxTagLength)).FirstOrDefault(p => p is not null),
            CompleteTask t => Runbooks.RunbookTasks.IsTaskId(t.TaskId) ? null : "'taskId' is a runbook's category and a step's number (lateral-movement-3).",
            _ => null,
        };
    }

    /// <summary>
    /// Applies an analyst's action to the state, or says why not. <see cref="ActionResult.Done"/> means the state changed
    /// (its version is one more) and must be written before the answer; anything else changed nothing.
    /// </summary>
    public ActionOutcome Apply(IncidentAction action, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            return new(ActionResult.NotFound, 0, "There is no such incident.");
        }

        if (state.MergedInto is { } survivor)
        {
            return new(ActionResult.Merged, state.Version, $"It was merged into incident {survivor}: act on that one.") { MergedInto = survivor };
        }

        if (action.IfVersion is { } seen && seen != state.Version)
        {
            return new(ActionResult.Stale, state.Version,
                $"It changed since version {seen}: it is at version {state.Version}. Read it again, then act.");
        }

        if (Validate(action) is { } invalid)
        {
            return new(ActionResult.Invalid, state.Version, invalid);
        }

        return action switch
        {
            Acknowledge a => Acknowledge(a, now),
            ChangeStatus c => Move(c, now),
            Assign a => AssignTo(a, now),
            AddNote n => Note(n, now),
            OverrideSeverity s => SetSeverity(s, now),
            ChangeTags t => Tag(t, now),
            CompleteTask t => Complete(t, now),
            _ => new(ActionResult.Invalid, state.Version, $"Unknown action {action.Kind}."),
        };
    }

    private ActionOutcome Acknowledge(Acknowledge action, DateTimeOffset now)
    {
        if (IsResolved)
        {
            return Illegal("It is resolved: reopen it (status investigating) to work it again.");
        }

        if (state.Status is not IncidentStatus.New)
        {
            return Unchanged($"It is {Name(state.Status)} already.");
        }

        var before = state.Status;
        state.Status = IncidentStatus.Acknowledged;
        MarkAcknowledged(action.Actor, now);
        return Done(action, now, $"Acknowledged by {action.Actor}", Name(before), Name(state.Status));
    }

    private ActionOutcome Move(ChangeStatus action, DateTimeOffset now)
    {
        var before = state.Status;
        if (action.Status == before)
        {
            return Unchanged($"It is {Name(before)} already.");
        }

        if (!LegalTargets(before).Contains(action.Status))
        {
            return Illegal($"An incident that is {Name(before)} cannot be moved to {Name(action.Status)}.");
        }

        state.Status = action.Status;
        MarkAcknowledged(action.Actor, now); // any move past new means someone owns it
        switch (action.Status)
        {
            case IncidentStatus.Contained:
                state.ContainedAt ??= now;
                break;
            case IncidentStatus.Resolved:
                state.ResolvedAt = now;
                state.Classification = action.Classification;
                state.Resolution = action.Reason;
                break;
            case IncidentStatus.Investigating when before is IncidentStatus.Resolved:
                state.Reopened++;
                state.ResolvedAt = null;
                state.Classification = null;
                state.Resolution = null;
                break;
        }

        var verdict = action.Classification is { } c ? $" as {Name(c)}" : "";
        var what = before is IncidentStatus.Resolved ? "Reopened" : action.Status is IncidentStatus.Resolved ? $"Resolved{verdict}" : $"Moved to {Name(action.Status)}";
        return Done(action, now, $"{what} by {action.Actor}: {action.Reason}", Name(before), Name(action.Status) + verdict);
    }

    private ActionOutcome AssignTo(Assign action, DateTimeOffset now)
    {
        // Omitting the team keeps it; an assign with neither takes the incident from whoever has it.
        var assignee = action.Assignee;
        var team = action.Team ?? (action.Assignee is null ? null : state.Team);
        if (assignee == state.Assignee && team == state.Team)
        {
            return Unchanged("It is assigned so already.");
        }

        var before = Owner(state.Assignee, state.Team);
        state.Assignee = assignee;
        state.Team = team;
        var after = Owner(assignee, team);
        return Done(action, now, assignee is null && team is null ? $"Unassigned by {action.Actor}" : $"Assigned to {after} by {action.Actor}", before, after);
    }

    private ActionOutcome Note(AddNote action, DateTimeOffset now)
    {
        state.Notes.Add(new IncidentNote(now, action.Actor, action.Text));
        state.Notes.TrimToNewest(NotesKept);
        return Done(action, now, $"Note by {action.Actor}", null, null);
    }

    private ActionOutcome SetSeverity(OverrideSeverity action, DateTimeOffset now)
    {
        if (action.Severity == state.AnalystSeverity)
        {
            return Unchanged("Its severity is so already.");
        }

        var before = state.AnalystSeverity is { } was ? Name(was) : $"{Name(state.Severity)} (tools)";
        state.AnalystSeverity = action.Severity;
        state.SeverityReason = action.Severity is null ? null : action.Reason;
        var after = action.Severity is { } set ? Name(set) : $"{Name(state.Severity)} (tools)";
        return Done(action, now, $"Severity set to {after} by {action.Actor}: {action.Reason}", before, after);
    }

    private ActionOutcome Tag(ChangeTags action, DateTimeOffset now)
    {
        var before = string.Join(", ", state.Tags);
        var removed = state.Tags.RemoveAll(t => action.Remove.Contains(t, StringComparer.OrdinalIgnoreCase));
        var added = 0;
        foreach (var tag in action.Add.Select(t => t.Trim()))
        {
            if (!state.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                if (state.Tags.Count >= MaxTags)
                {
                    return new(ActionResult.Invalid, state.Version, $"An incident has at most {MaxTags} tags.");
                }

                state.Tags.Add(tag);
                added++;
            }
        }

        return added + removed == 0
            ? Unchanged("It is tagged so already.")
            : Done(action, now, $"Tags changed by {action.Actor}", before, string.Join(", ", state.Tags));
    }

    public IncidentWorkflowView View() => new()
    {
        AcknowledgedAt = state.AcknowledgedAt,
        AcknowledgedBy = state.AcknowledgedBy,
        ContainedAt = state.ContainedAt,
        ResolvedAt = state.ResolvedAt,
        Resolution = state.Resolution,
        SeverityReason = state.SeverityReason,
        Reopened = state.Reopened,
    };

    private void MarkAcknowledged(string actor, DateTimeOffset now)
    {
        if (state.AcknowledgedAt is null)
        {
            (state.AcknowledgedAt, state.AcknowledgedBy) = (now, actor);
        }
    }

    private ActionOutcome Done(IncidentAction action, DateTimeOffset now, string text, string? before, string? after)
    {
        state.Version++;
        state.UpdatedAt = now;
        var entry = new TimelineEntry(now, action.Kind, text) { Actor = action.Actor, Before = before, After = after };
        state.Actions.Add(entry);
        state.Actions.TrimToNewest(ActionsKept);
        return new(ActionResult.Done, state.Version, null) { Entry = entry };
    }

    private ActionOutcome Unchanged(string detail) => new(ActionResult.Unchanged, state.Version, detail);

    private ActionOutcome Illegal(string detail) =>
        new(ActionResult.Illegal, state.Version, detail) { Legal = LegalTargets(state.Status) };

    private static string? Owner(string? assignee, string? team) =>
        assignee is null && team is null ? null : team is null ? assignee : assignee is null ? $"team {team}" : $"{assignee} ({team})";

    /// <summary>The wire name, as the API writes it.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

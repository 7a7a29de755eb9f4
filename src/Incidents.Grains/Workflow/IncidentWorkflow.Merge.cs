using Incidents.Contracts.Incidents;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Workflow;

/// <summary>What a merge keeps of the workflow of the incident it absorbs.</summary>
public sealed partial class IncidentWorkflow
{
    /// <summary>
    /// Keeps the workflow of an incident merged into this one: the furthest status, every note and action, an assignee
    /// and team when this one has none, every tag, the analyst's severity when this one has none. Idempotent.
    /// </summary>
    public void Absorb(MergedIncident merged)
    {
        if (Rank(merged.Status) > Rank(state.Status) && merged.Status is not IncidentStatus.Resolved)
        {
            state.Status = merged.Status;
        }

        foreach (var note in merged.Notes.Select(n => n with { From = n.From ?? merged.Id }))
        {
            if (!state.Notes.Contains(note))
            {
                state.Notes.Add(note);
            }
        }

        state.Notes.Sort((a, b) => a.At.CompareTo(b.At));
        state.Notes.TrimToNewest(NotesKept);
        foreach (var entry in merged.Actions.Select(e => e.Text.StartsWith('[') ? e : e with { Text = $"[{merged.Id}] {e.Text}" }))
        {
            if (!state.Actions.Contains(entry))
            {
                state.Actions.Add(entry);
            }
        }

        state.Actions.Sort((a, b) => a.At.CompareTo(b.At));
        state.Actions.TrimToNewest(ActionsKept);
        if (state.Assignee is null && state.Team is null)
        {
            (state.Assignee, state.Team) = (merged.Assignee, merged.Team);
        }

        foreach (var tag in merged.Tags)
        {
            if (state.Tags.Count < MaxTags && !state.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                state.Tags.Add(tag);
            }
        }

        state.AnalystSeverity ??= merged.AnalystSeverity;
        if (merged.AcknowledgedAt is { } acknowledged && (state.AcknowledgedAt is null || acknowledged < state.AcknowledgedAt))
        {
            (state.AcknowledgedAt, state.AcknowledgedBy) = (acknowledged, merged.AcknowledgedBy);
        }

        state.Version++;
    }
}

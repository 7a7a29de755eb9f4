using Incidents.Contracts.Correlation;
using Incidents.Contracts.Incidents;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Correlation;

/// <summary>What a merge hands over, takes in, and which way it runs: the part of an incident's rules that meets another incident.</summary>
public sealed partial class IncidentRecord
{
    /// <summary>Takes in everything of an incident merged into this one; idempotent (alerts by id, steps by hosts).</summary>
    public void Absorb(MergedIncident merged, IReadOnlyList<LateralEdge> edges, DateTimeOffset now)
    {
        if (!_state.Exists)
        {
            Begin(merged.FirstSeen, now, why: null); // its own opening is in the timeline it hands over
        }

        if (!_state.Absorbed.Contains(merged.Id, StringComparer.Ordinal))
        {
            // The alerts it counted but no longer kept; the kept ones are counted as they are taken.
            _state.AlertCount += merged.AlertCount - merged.Alerts.Count;
            _state.Absorbed.Add(merged.Id);
            _state.Absorbed.TrimToNewest(_options.IncidentEntitiesKept);
            AddToTimeline(now, "merged", $"Incident {merged.Id} merged into this one ({merged.Title})");
            foreach (var entry in merged.Timeline)
            {
                _state.Timeline.Add(entry with { Text = $"[{merged.Id}] {entry.Text}" });
            }

            _state.Timeline.Sort((a, b) => a.At.CompareTo(b.At));
            _state.Timeline.TrimToNewest(_options.IncidentTimelineKept);
            Workflow.Absorb(merged);
        }

        if (merged.Severity > _state.Severity)
        {
            _state.Severity = merged.Severity;
            _state.Title = merged.Title;
        }

        _state.FirstSeen = Min(_state.FirstSeen, merged.FirstSeen);
        _state.LastSeen = Max(_state.LastSeen, merged.LastSeen);
        foreach (var host in merged.Hosts)
        {
            AddMember(host, now: null);
        }

        AddAll(_state.Users, merged.Users);
        AddAll(_state.ExternalAddresses, merged.ExternalAddresses);
        AddAll(_state.Observables, merged.Observables);
        foreach (var host in merged.RelatedHosts)
        {
            AddRelated(host);
        }

        foreach (var category in merged.Categories)
        {
            AddCategory(category);
        }

        foreach (var tactic in merged.Tactics)
        {
            AddTactic(tactic);
        }

        // A task ticked on either is ticked on the survivor; one only the merged incident had is added.
        foreach (var task in merged.Tasks)
        {
            var index = _state.Tasks.FindIndex(t => t.Id == task.Id);
            if (index < 0 && _state.Tasks.Count < Runbooks.RunbookTasks.MaxTasks)
            {
                _state.Tasks.Add(task);
            }
            else if (index >= 0 && task.Done && !_state.Tasks[index].Done)
            {
                _state.Tasks[index] = task;
            }
        }

        Take("", merged.Alerts, [.. merged.LateralMovement, .. edges], now);
        _state.UpdatedAt = now;
    }

    /// <summary>Everything this incident hands to the one it merges into.</summary>
    public MergedIncident Handover(string id) => new()
    {
        Id = id,
        Title = _state.Title,
        Severity = _state.Severity,
        FirstSeen = _state.FirstSeen,
        LastSeen = _state.LastSeen,
        AlertCount = _state.AlertCount,
        Alerts = [.. _state.Alerts],
        Hosts = [.. _state.Hosts],
        Users = [.. _state.Users],
        ExternalAddresses = [.. _state.ExternalAddresses],
        Categories = [.. _state.Categories],
        Tactics = [.. _state.Tactics],
        Tasks = [.. _state.Tasks],
        LateralMovement = [.. _state.LateralMovement],
        Timeline = [.. _state.Timeline],
        Observables = [.. _state.Observables],
        RelatedHosts = [.. _state.RelatedHosts],
        Status = _state.Status,
        Notes = [.. _state.Notes],
        Actions = [.. _state.Actions],
        Assignee = _state.Assignee,
        Team = _state.Team,
        Tags = [.. _state.Tags],
        AnalystSeverity = _state.AnalystSeverity,
        AcknowledgedAt = _state.AcknowledgedAt,
        AcknowledgedBy = _state.AcknowledgedBy,
    };

    public void MarkMerged(string holder, DateTimeOffset now)
    {
        _state.MergedInto = holder;
        _state.Status = IncidentStatus.Merged;
        _state.UpdatedAt = now;
        AddToTimeline(now, "merged", $"Merged into incident {holder}");
    }

    /// <summary>
    /// How two incidents that must be one meet: the same one is simply added to (<c>MergeInto</c> null); else the one with
    /// the greater id merges into the smaller (call <c>Target.Merge(MergeInto)</c>), so every merge runs towards smaller
    /// ids. Used by a host settling a suspicion, and by a merged incident forwarding a merge.
    /// </summary>
    public static (string Target, string? MergeInto) MergeRoute(string mergedInto, string survivorId) =>
        mergedInto == survivorId ? (survivorId, null)
        : string.CompareOrdinal(mergedInto, survivorId) < 0 ? (survivorId, mergedInto)
        : (mergedInto, survivorId);
}

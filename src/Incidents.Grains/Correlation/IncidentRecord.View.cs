using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Correlation;

// How an incident is shown: its summary (what the queue holds) and its view.
public sealed partial class IncidentRecord
{
    public IncidentSummary Summary(string id) => new()
    {
        Id = id,
        Title = _state.Title,
        Status = _state.Status,
        Severity = _state.Severity,
        Hosts = [.. _state.Hosts.Take(IncidentSummary.ListedEntities)],
        Users = [.. _state.Users.Take(IncidentSummary.ListedEntities)],
        HostCount = _state.Hosts.Count,
        UserCount = _state.Users.Count,
        AlertCount = _state.AlertCount,
        FirstSeen = _state.FirstSeen,
        LastSeen = _state.LastSeen,
        CreatedAt = _state.CreatedAt ?? default,
        UpdatedAt = _state.UpdatedAt,
        Categories = [.. _state.Categories],
        MergedInto = _state.MergedInto,
        Version = _state.Version,
        Assignee = _state.Assignee,
        Team = _state.Team,
        Tags = [.. _state.Tags],
        AnalystSeverity = _state.AnalystSeverity,
        Classification = _state.Classification,
        Follows = _state.Follows,
        Owner = _state.Owner,
        Criticality = _state.Criticality,
        IntelHits = _state.IntelHits,
        EscalationLevel = Escalation.LevelName,
        EscalationDeadline = _state.Escalation?.Deadline,
    };

    public IncidentView? View(string id, int alertLimit)
    {
        if (!_state.Exists)
        {
            return null;
        }

        var shown = _state.Alerts.Count <= alertLimit ? _state.Alerts : _state.Alerts[^alertLimit..];
        return new IncidentView(
            Summary(id),
            [.. Enumerable.Reverse(shown)],
            _state.AlertCount - shown.Count,
            [.. _state.Timeline.Concat(_state.Actions).Concat(Escalation.Timeline()).OrderBy(e => e.At)],
            [.. _state.Hosts],
            [.. _state.Users],
            [.. _state.ExternalAddresses],
            [.. _state.LateralMovement.OrderBy(e => e.FirstSeen)],
            [.. _state.Observables],
            [.. _state.RelatedHosts])
        {
            Tasks = [.. _state.Tasks],
            Notes = [.. _state.Notes],
            Workflow = Workflow.View(),
            Escalation = Escalation.View(),
        };
    }
}

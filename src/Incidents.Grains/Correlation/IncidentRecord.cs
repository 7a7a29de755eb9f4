using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Incidents;
using Incidents.Grains.Incidents;
using Incidents.Grains.Storage;
using Incidents.Grains.Workflow;

namespace Incidents.Grains.Correlation;

/// <summary>
/// The rules of one incident's record, without messaging or storage: which alerts it counts (each once), which hosts
/// are its members and which are only named by its alerts, the steps it draws, what a merge hands over and takes in.
/// <see cref="IncidentGrain"/> loads the state, calls these, sends what they decided and writes.
/// </summary>
public sealed partial class IncidentRecord
{
    public const string LateralMovementCategory = "lateral-movement";
    public const string DrillTag = "drill";

    private readonly IncidentState _state;
    private readonly CorrelationOptions _options;
    private readonly HashSet<string> _alertIds;

    public IncidentRecord(IncidentState state, CorrelationOptions options)
    {
        _state = state;
        _options = options;
        _alertIds = new HashSet<string>(state.Alerts.Select(a => a.Id), StringComparer.Ordinal);
        Workflow = new IncidentWorkflow(state);
        Escalation = new Escalation.IncidentEscalation(state);
    }

    /// <summary>The analysts' side of the same state: statuses, actions, notes.</summary>
    public IncidentWorkflow Workflow { get; }

    /// <summary>Its route to a team, and its escalation clock.</summary>
    public Escalation.IncidentEscalation Escalation { get; }

    public bool Exists => _state.Exists;

    /// <summary>Takes no more alerts, and merges with nothing: a host's next alert opens a new incident.</summary>
    public bool IsResolved => Workflow.IsResolved;

    public string? MergedInto => _state.MergedInto;

    /// <summary>Steps drawn since the last look, for the correlation metrics.</summary>
    public int StepsDrawn { get; set; }

    public void Begin(DateTimeOffset firstSeen, DateTimeOffset now, string? why, string? follows = null)
    {
        _state.Follows = follows;
        _state.CreatedAt = now;
        _state.Status = IncidentStatus.New;
        _state.FirstSeen = firstSeen;
        _state.LastSeen = firstSeen;
        if (why is not null)
        {
            AddToTimeline(now, "opened", why);
        }
    }

    /// <summary>
    /// Counts the alerts it has not counted and draws the steps. <paramref name="member"/> is the host whose own alerts
    /// these are (empty for none): it, and the ends of every step, are members; other internal hosts the alerts name
    /// are related hosts, so that a peer an innocent host once reached is not drawn in with it. Returns whether
    /// anything changed.
    /// </summary>
    public bool Take(string member, IReadOnlyList<AlertSummary> alerts, IReadOnlyList<LateralEdge> edges, DateTimeOffset now)
    {
        var changed = false;
        if (member.Length > 0 && alerts.Count > 0)
        {
            changed |= AddMember(member, now);
        }

        foreach (var alert in alerts)
        {
            if (_alertIds.Add(alert.Id))
            {
                Count(alert, now);
                changed = true;
            }
        }

        foreach (var edge in edges)
        {
            changed |= AddStep(edge, now);
        }

        if (changed)
        {
            TrimAlerts();
            _state.UpdatedAt = now;
        }

        return changed;
    }

    private void Count(AlertSummary alert, DateTimeOffset now)
    {
        _state.AlertCount++;
        _state.Alerts.Add(alert);
        CountRule(alert);
        _state.FirstSeen = Min(_state.FirstSeen, alert.Time);
        _state.LastSeen = Max(_state.LastSeen, alert.Time);
        // An intelligence hit makes its incident at least High, whatever the tool said.
        var known = IsIntelHit(alert);
        var severity = known && alert.Severity < Severity.High ? Severity.High : alert.Severity;
        if (severity > _state.Severity || _state.Title.Length == 0)
        {
            if (_state.Title.Length > 0)
            {
                AddToTimeline(now, "severity", $"Severity raised to {severity} by '{alert.Title}'{(known ? " (an intelligence hit)" : "")}");
            }

            _state.Severity = severity;
            _state.Title = $"{alert.Title} on {alert.PrimaryHost}";
        }

        foreach (var host in alert.Hosts)
        {
            AddRelated(host);
        }

        if (alert.User is { Length: > 0 } user && AddEntity(_state.Users, user))
        {
            AddToTimeline(now, "user", $"User {user} joined");
        }

        foreach (var endpoint in (ReadOnlySpan<EndpointSummary?>)[alert.Src, alert.Dst])
        {
            if (endpoint is { IsInternal: false, Ip: { } ip })
            {
                AddEntity(_state.ExternalAddresses, ip);
            }
        }

        foreach (var observable in alert.Observables)
        {
            AddEntity(_state.Observables, observable);
        }

        if (alert.Category is { Length: > 0 } category)
        {
            AddCategory(category);
        }

        if (alert.Drill is { } drill && _state.Drill is null)
        {
            // Routed and escalated as any incident, every notice marked; kept out of the figures and the rule books.
            _state.Drill = drill;
            if (_state.Tags.Count < IncidentWorkflow.MaxTags && !_state.Tags.Contains(DrillTag, StringComparer.OrdinalIgnoreCase))
            {
                _state.Tags.Add(DrillTag);
            }
        }

        var tactic = AttackCategories.Tactic(alert);
        if (tactic is not null)
        {
            AddTactic(tactic);
        }

        if (AttackCategories.Category(alert, tactic) is { } attack)
        {
            AddCategory(attack);
        }
    }

    private void TrimAlerts()
    {
        if (_state.Alerts.Count <= _options.IncidentAlertsKept)
        {
            return;
        }

        var drop = _state.Alerts.Count - _options.IncidentAlertsKept;
        foreach (var gone in _state.Alerts.Take(drop))
        {
            _alertIds.Remove(gone.Id);
        }

        _state.Alerts.RemoveRange(0, drop);
    }

    /// <summary>Draws a lateral step, or folds it into the one already drawn between the same hosts.</summary>
    private bool AddStep(LateralEdge edge, DateTimeOffset now)
    {
        var index = _state.LateralMovement.FindIndex(e => e.From == edge.From && e.To == edge.To);
        if (index >= 0)
        {
            var folded = _state.LateralMovement[index].Fold(edge);
            if (folded == _state.LateralMovement[index])
            {
                return false;
            }

            _state.LateralMovement[index] = folded;
            return true;
        }

        if (_state.LateralMovement.Count >= _options.IncidentStepsKept)
        {
            _state.StepsNotKept++;
            return true;
        }

        _state.LateralMovement.Add(edge);
        StepsDrawn++;
        AddCategory(LateralMovementCategory);
        AddMember(edge.From, now: null);
        AddMember(edge.To, now: null);
        AddToTimeline(now, "lateral-movement",
            $"{edge.From} reached {edge.To} over {edge.Via}{(edge.Technique is { } t ? $" ({t})" : "")} at {edge.FirstSeen:O}");
        return true;
    }

    /// <summary>A member host; it is no longer only related. The timeline says so when it joins a running incident.</summary>
    private bool AddMember(string host, DateTimeOffset? now)
    {
        _state.RelatedHosts.Remove(host);
        if (!AddEntity(_state.Hosts, host))
        {
            return false;
        }

        if (now is { } at && _state.Hosts.Count > 1)
        {
            AddToTimeline(at, "host", $"Host {host} joined");
        }

        return true;
    }

    private void AddRelated(string host)
    {
        if (!_state.Hosts.Contains(host, StringComparer.Ordinal))
        {
            AddEntity(_state.RelatedHosts, host);
        }
    }

    private void AddAll(List<string> entities, IEnumerable<string> more)
    {
        foreach (var entity in more)
        {
            AddEntity(entities, entity);
        }
    }

    private bool AddEntity(List<string> entities, string entity)
    {
        if (entities.Count >= _options.IncidentEntitiesKept || entities.Contains(entity, StringComparer.Ordinal))
        {
            return false;
        }

        entities.Add(entity);
        return true;
    }

    private void AddCategory(string category)
    {
        if (_state.Categories.Count < IncidentState.MaxCategories && !_state.Categories.Contains(category, StringComparer.Ordinal))
        {
            _state.Categories.Add(category);
        }
    }

    private void AddTactic(string tactic)
    {
        if (_state.Tactics.Count < IncidentState.MaxCategories && !_state.Tactics.Contains(tactic, StringComparer.Ordinal))
        {
            _state.Tactics.Add(tactic);
        }
    }

    private void AddToTimeline(DateTimeOffset at, string kind, string text)
    {
        _state.Timeline.Add(new TimelineEntry(at, kind, text));
        _state.Timeline.TrimToNewest(_options.IncidentTimelineKept);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}

using Incidents.Contracts.Alerts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Incidents;

/// <summary>
/// One incident: the correlated alerts, the hosts and users they name, and what happened to it.
/// Its only outgoing call is to the tenant's incident list, which calls nothing, so no cycle can form.
/// </summary>
public sealed class IncidentGrain(
    [PersistentState("incident", StorageNames.Incidents)] IPersistentState<IncidentState> state,
    IOptions<CorrelationOptions> options,
    TimeProvider time) : Grain, IIncidentGrain
{
    private readonly CorrelationOptions _options = options.Value;
    private string _tenant = "";
    private string _id = "";
    private HashSet<string> _alertIds = null!;

    // Set while the list may lack this incident's latest summary, so that a retried call repairs it.
    private bool _listBehind;
    private DeferredStateWrite<IncidentState> _write = null!;

    private IncidentState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _id) = TenantScoped.Split(this.GetPrimaryKeyString());
        _alertIds = new HashSet<string>(State.Alerts.Select(a => a.Id), StringComparer.Ordinal);
        _write = new DeferredStateWrite<IncidentState>(this, state, _options.StateWriteDelay);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _write.FlushAsync();

    public async Task Open(string hostKey, AlertSummary[] alerts)
    {
        if (!State.Exists)
        {
            var now = time.GetUtcNow();
            State.CreatedAt = now;
            State.Status = IncidentStatus.Open;
            State.FirstSeen = alerts.Min(a => a.Time);
            State.LastSeen = State.FirstSeen;
            AddToTimeline(now, "opened", $"Opened by host {hostKey}");
        }

        await Take(alerts);
    }

    public async Task<bool> Add(string hostKey, AlertSummary[] alerts)
    {
        if (!State.Exists || State.Status is IncidentStatus.Closed or IncidentStatus.Merged)
        {
            return false;
        }

        await Take(alerts);
        return true;
    }

    public Task<IncidentView?> GetView(int alertLimit)
    {
        if (!State.Exists)
        {
            return Task.FromResult<IncidentView?>(null);
        }

        var shown = State.Alerts.Count <= alertLimit ? State.Alerts : State.Alerts[^alertLimit..];
        return Task.FromResult<IncidentView?>(new IncidentView(
            Summary(),
            [.. Enumerable.Reverse(shown)],
            State.AlertCount - shown.Count,
            [.. State.Timeline],
            [.. State.Hosts],
            [.. State.Users]));
    }

    private async Task Take(AlertSummary[] alerts)
    {
        var now = time.GetUtcNow();
        var changed = false;
        foreach (var alert in alerts)
        {
            if (!_alertIds.Add(alert.Id))
            {
                continue;
            }

            changed = true;
            State.AlertCount++;
            State.Alerts.Add(alert);
            if (alert.Time < State.FirstSeen)
            {
                State.FirstSeen = alert.Time;
            }

            if (alert.Time > State.LastSeen)
            {
                State.LastSeen = alert.Time;
            }

            if (alert.Severity > State.Severity || State.Title.Length == 0)
            {
                if (State.Title.Length > 0)
                {
                    AddToTimeline(now, "severity", $"Severity raised to {alert.Severity} by '{alert.Title}'");
                }

                State.Severity = alert.Severity;
                State.Title = $"{alert.Title} on {alert.PrimaryHost}";
            }

            foreach (var host in alert.Hosts)
            {
                AddEntity(State.Hosts, host, now, "host");
            }

            if (alert.User is { Length: > 0 } user)
            {
                AddEntity(State.Users, user, now, "user");
            }
        }

        if (!changed)
        {
            if (_listBehind)
            {
                await TellList();
            }

            return;
        }

        if (State.Alerts.Count > _options.IncidentAlertsKept)
        {
            var drop = State.Alerts.Count - _options.IncidentAlertsKept;
            foreach (var gone in State.Alerts.Take(drop))
            {
                _alertIds.Remove(gone.Id);
            }

            State.Alerts.RemoveRange(0, drop);
        }

        State.UpdatedAt = now;
        await _write.Changed();
        await TellList();
    }

    private async Task TellList()
    {
        _listBehind = true;
        await GrainFactory.GetGrain<IIncidentListGrain>(_tenant).Update(Summary());
        _listBehind = false;
    }

    private void AddEntity(List<string> entities, string entity, DateTimeOffset now, string kind)
    {
        if (entities.Count >= _options.IncidentEntitiesKept || entities.Contains(entity, StringComparer.Ordinal))
        {
            return;
        }

        entities.Add(entity);
        if (entities.Count > 1 || kind != "host")
        {
            AddToTimeline(now, kind, $"{(kind == "host" ? "Host" : "User")} {entity} joined");
        }
    }

    private void AddToTimeline(DateTimeOffset at, string kind, string text)
    {
        State.Timeline.Add(new TimelineEntry(at, kind, text));
        State.Timeline.TrimToNewest(_options.IncidentTimelineKept);
    }

    private IncidentSummary Summary() => new()
    {
        Id = _id,
        Title = State.Title,
        Status = State.Status,
        Severity = State.Severity,
        Hosts = [.. State.Hosts.Take(IncidentSummary.ListedEntities)],
        Users = [.. State.Users.Take(IncidentSummary.ListedEntities)],
        HostCount = State.Hosts.Count,
        UserCount = State.Users.Count,
        AlertCount = State.AlertCount,
        FirstSeen = State.FirstSeen,
        LastSeen = State.LastSeen,
        CreatedAt = State.CreatedAt ?? default,
        UpdatedAt = State.UpdatedAt,
    };
}

using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Incidents;

/// <summary>
/// One incident: the correlated alerts, the entities they name, the lateral steps between its hosts, and what
/// happened to it.
/// </summary>
/// <remarks>
/// Calls only the tenant's incident list (which calls nothing) and incidents whose id sorts before its own: a merge
/// always runs from the incident with the greater id to the smaller, and so does forwarding from a merged one. Ids
/// are totally ordered, so these calls cannot come back round to a grain that is waiting.
/// </remarks>
public sealed class IncidentGrain(
    [PersistentState("incident", StorageNames.Incidents)] IPersistentState<IncidentState> state,
    IOptions<CorrelationOptions> options,
    TimeProvider time,
    Correlation.CorrelationMetrics metrics) : Grain, IIncidentGrain, IGrainMigrationParticipant
{
    private const string LateralMovementCategory = "lateral-movement";

    private readonly CorrelationOptions _options = options.Value;
    private string _tenant = "";
    private string _id = "";
    private HashSet<string> _alertIds = null!;

    // Set while the list may lack this incident's latest summary, so that a retried call repairs it.
    private bool _listBehind;
    private readonly DeferredStateWrite<IncidentState> _write = new(state, options.Value.StateWriteDelay);

    private IncidentState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _id) = TenantScoped.Split(this.GetPrimaryKeyString());
        _alertIds = new HashSet<string>(State.Alerts.Select(a => a.Id), StringComparer.Ordinal);
        _write.Attach(this);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _write.FlushAsync(reason, cancellationToken);

    public void OnDehydrate(IDehydrationContext dehydrationContext) => _write.OnDehydrate(dehydrationContext);

    public void OnRehydrate(IRehydrationContext rehydrationContext) => _write.OnRehydrate(rehydrationContext);

    public async Task Open(string hostKey, AlertSummary[] alerts)
    {
        if (!State.Exists)
        {
            Begin(alerts.Min(a => a.Time));
            AddToTimeline(time.GetUtcNow(), "opened", $"Opened by host {hostKey}");
        }

        await Take(alerts, []);
    }

    public async Task<string?> Add(string hostKey, AlertSummary[] alerts, LateralEdge[] edges)
    {
        if (State.MergedInto is { } survivor)
        {
            return await Incident(survivor).Add(hostKey, alerts, edges);
        }

        if (!State.Exists && alerts.Length > 0)
        {
            // A host names it, so it was opened: its state was lost with a silo before it was written. The host's
            // alerts make it again, and the journal's replay brings back the rest.
            Begin(alerts.Min(a => a.Time));
            AddToTimeline(time.GetUtcNow(), "opened", $"Opened again by host {hostKey} after its state was lost");
        }

        if (!State.Exists || State.Status is IncidentStatus.Closed)
        {
            return null;
        }

        await Take(alerts, edges);
        return _id;
    }

    public async Task<string> Merge(string survivorId, LateralEdge[] edges)
    {
        if (string.CompareOrdinal(survivorId, _id) >= 0)
        {
            throw new ArgumentException($"An incident merges only into one with a smaller id; {survivorId} is not smaller than {_id}.", nameof(survivorId));
        }

        if (State.MergedInto is { } mergedInto)
        {
            // Both ids are smaller than this one, so whichever is called next, the call still runs towards smaller ids.
            return mergedInto == survivorId
                ? await Incident(survivorId).Add("", [], edges) ?? survivorId
                : string.CompareOrdinal(mergedInto, survivorId) < 0
                    ? await Incident(survivorId).Merge(mergedInto, edges)
                    : await Incident(mergedInto).Merge(survivorId, edges);
        }

        var holder = await Incident(survivorId).Absorb(Handover(), edges);
        State.MergedInto = holder;
        State.Status = IncidentStatus.Merged;
        metrics.Decision("merged");
        State.UpdatedAt = time.GetUtcNow();
        AddToTimeline(State.UpdatedAt, "merged", $"Merged into incident {holder}");
        await _write.Changed();
        await TellList();
        return holder;
    }

    public async Task<string> Absorb(MergedIncident merged, LateralEdge[] edges)
    {
        if (State.MergedInto is { } survivor)
        {
            return await Incident(survivor).Absorb(merged, edges);
        }

        var now = time.GetUtcNow();
        if (!State.Exists)
        {
            Begin(merged.FirstSeen);
        }

        if (!State.Absorbed.Contains(merged.Id, StringComparer.Ordinal))
        {
            // The alerts it counted but no longer kept; the kept ones are counted as they are taken.
            State.AlertCount += merged.AlertCount - merged.Alerts.Count;
            State.Absorbed.Add(merged.Id);
            State.Absorbed.TrimToNewest(_options.IncidentEntitiesKept);
            AddToTimeline(now, "merged", $"Incident {merged.Id} merged into this one ({merged.Title})");
            foreach (var entry in merged.Timeline)
            {
                State.Timeline.Add(entry with { Text = $"[{merged.Id}] {entry.Text}" });
            }

            State.Timeline.Sort((a, b) => a.At.CompareTo(b.At));
            State.Timeline.TrimToNewest(_options.IncidentTimelineKept);
        }

        if (merged.Severity > State.Severity)
        {
            State.Severity = merged.Severity;
            State.Title = merged.Title;
        }

        State.FirstSeen = Min(State.FirstSeen, merged.FirstSeen);
        State.LastSeen = Max(State.LastSeen, merged.LastSeen);
        foreach (var host in merged.Hosts)
        {
            AddEntity(State.Hosts, host);
        }

        foreach (var user in merged.Users)
        {
            AddEntity(State.Users, user);
        }

        foreach (var address in merged.ExternalAddresses)
        {
            AddEntity(State.ExternalAddresses, address);
        }

        foreach (var observable in merged.Observables)
        {
            AddEntity(State.Observables, observable);
        }

        foreach (var category in merged.Categories)
        {
            AddCategory(category);
        }

        await Take(merged.Alerts, [.. merged.LateralMovement, .. edges], force: true);
        return _id;
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
            [.. State.Users],
            [.. State.ExternalAddresses],
            [.. State.LateralMovement.OrderBy(e => e.FirstSeen)],
            [.. State.Observables]));
    }

    private void Begin(DateTimeOffset firstSeen)
    {
        State.CreatedAt = time.GetUtcNow();
        State.Status = IncidentStatus.Open;
        State.FirstSeen = firstSeen;
        State.LastSeen = firstSeen;
    }

    private async Task Take(IReadOnlyList<AlertSummary> alerts, IReadOnlyList<LateralEdge> edges, bool force = false)
    {
        var now = time.GetUtcNow();
        var changed = force;
        foreach (var alert in alerts)
        {
            if (!_alertIds.Add(alert.Id))
            {
                continue;
            }

            changed = true;
            State.AlertCount++;
            State.Alerts.Add(alert);
            State.FirstSeen = Min(State.FirstSeen, alert.Time);
            State.LastSeen = Max(State.LastSeen, alert.Time);
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
                if (AddEntity(State.Hosts, host) && State.Hosts.Count > 1)
                {
                    AddToTimeline(now, "host", $"Host {host} joined");
                }
            }

            if (alert.User is { Length: > 0 } user && AddEntity(State.Users, user))
            {
                AddToTimeline(now, "user", $"User {user} joined");
            }

            foreach (var endpoint in (ReadOnlySpan<EndpointSummary?>)[alert.Src, alert.Dst])
            {
                if (endpoint is { IsInternal: false, Ip: { } ip })
                {
                    AddEntity(State.ExternalAddresses, ip);
                }
            }

            foreach (var observable in alert.Observables)
            {
                AddEntity(State.Observables, observable);
            }

            if (alert.Category is { Length: > 0 } category)
            {
                AddCategory(category);
            }
        }

        foreach (var edge in edges)
        {
            changed |= AddStep(edge, now);
        }

        if (!changed)
        {
            // Alerts it had already: a retry or a replay, after which the list may lack this incident's summary.
            if (_listBehind || alerts.Count > 0)
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

    /// <summary>Draws a lateral step, or folds it into the one already drawn between the same hosts.</summary>
    private bool AddStep(LateralEdge edge, DateTimeOffset now)
    {
        var index = State.LateralMovement.FindIndex(e => e.From == edge.From && e.To == edge.To);
        if (index >= 0)
        {
            var folded = State.LateralMovement[index].Fold(edge);
            if (folded == State.LateralMovement[index])
            {
                return false;
            }

            State.LateralMovement[index] = folded;
            return true;
        }

        if (State.LateralMovement.Count >= _options.IncidentStepsKept)
        {
            State.StepsNotKept++;
            return true;
        }

        State.LateralMovement.Add(edge);
        metrics.Step();
        AddCategory(LateralMovementCategory);
        AddEntity(State.Hosts, edge.From);
        AddEntity(State.Hosts, edge.To);
        AddToTimeline(now, "lateral-movement",
            $"{edge.From} reached {edge.To} over {edge.Via}{(edge.Technique is { } t ? $" ({t})" : "")} at {edge.FirstSeen:O}");
        return true;
    }

    private async Task TellList()
    {
        _listBehind = true;
        await GrainFactory.GetGrain<IIncidentListGrain>(_tenant).Update(Summary());
        _listBehind = false;
    }

    private IIncidentGrain Incident(string id) => GrainFactory.GetGrain<IIncidentGrain>(TenantScoped.Key(_tenant, id));

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
        if (State.Categories.Count < IncidentState.MaxCategories && !State.Categories.Contains(category, StringComparer.Ordinal))
        {
            State.Categories.Add(category);
        }
    }

    private void AddToTimeline(DateTimeOffset at, string kind, string text)
    {
        State.Timeline.Add(new TimelineEntry(at, kind, text));
        State.Timeline.TrimToNewest(_options.IncidentTimelineKept);
    }

    private MergedIncident Handover() => new()
    {
        Id = _id,
        Title = State.Title,
        Severity = State.Severity,
        FirstSeen = State.FirstSeen,
        LastSeen = State.LastSeen,
        AlertCount = State.AlertCount,
        Alerts = [.. State.Alerts],
        Hosts = [.. State.Hosts],
        Users = [.. State.Users],
        ExternalAddresses = [.. State.ExternalAddresses],
        Categories = [.. State.Categories],
        LateralMovement = [.. State.LateralMovement],
        Timeline = [.. State.Timeline],
        Observables = [.. State.Observables],
    };

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
        Categories = [.. State.Categories],
        MergedInto = State.MergedInto,
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}

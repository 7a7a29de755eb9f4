using Incidents.Alerts;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;
using Incidents.Grains.Correlation;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Hosts;

/// <summary>
/// One internal host. It counts each alert once, keeps the newest and the hosts it reached and was reached from, and
/// for the alerts it is the primary host of, chooses the incident: its open one; else the incident of a host that
/// reached it shortly before (a suspicion); else a new one for an alert severe enough. Once in an incident, it tells
/// the hosts it reached after its compromise, and the accounts that logged on to it.
/// </summary>
/// <remarks>
/// Why this cannot deadlock: a host awaits only incident grains, and incidents never call hosts. Host-to-host
/// (<see cref="IHostGrain.Suspect"/>) and host-to-user (<see cref="IUserGrain.Expose"/>) messages are one-way, so two
/// hosts that reach each other at once never wait on each other.
/// </remarks>
public sealed class HostGrain(
    [PersistentState("host", StorageNames.Incidents)] IPersistentState<HostState> state,
    IOptions<CorrelationOptions> options,
    CorrelationMetrics metrics,
    AlertTextPool texts) : Grain, IHostGrain, IGrainMigrationParticipant
{
    private readonly CorrelationOptions _options = options.Value;
    private string _tenant = "";
    private string _hostKey = "";
    private SeenKeys _seen = null!;
    private readonly DeferredStateWrite<HostState> _write = new(state, options.Value.StateWriteDelay);

    private HostState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenant, hostKey) = TenantScoped.Split(this.GetPrimaryKeyString());
        (_tenant, _hostKey) = (texts.Share(tenant), texts.Share(hostKey)); // the same strings as its alerts' hosts
        _seen = new SeenKeys(State.SeenAlertKeys, _options.HostSeenAlertKeys);
        for (var i = 0; i < State.RecentAlerts.Count; i++)
        {
            State.RecentAlerts[i] = texts.Share(State.RecentAlerts[i]);
        }

        _write.Attach(this);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _write.FlushAsync(reason, cancellationToken);

    public void OnDehydrate(IDehydrationContext dehydrationContext) => _write.OnDehydrate(dehydrationContext);

    public void OnRehydrate(IRehydrationContext rehydrationContext) => _write.OnRehydrate(rehydrationContext);

    public async Task<bool[]> Observe(AlertSummary[] alerts)
    {
        var fresh = _seen.SelectNew(alerts, a => a.Id, out var isNew);
        if (fresh.Count == 0)
        {
            return isNew;
        }

        for (var i = 0; i < fresh.Count; i++)
        {
            fresh[i] = texts.Share(fresh[i]);
        }

        var before = Standing();

        // The incident first: if it fails, nothing here is recorded, and the caller's retry does it all again.
        if (fresh.Where(a => a.PrimaryHost == _hostKey).ToArray() is { Length: > 0 } primary)
        {
            await Correlate(primary);
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alert in fresh)
        {
            _seen.Add(alert.Id);
            Record(alert, reached);
        }

        State.RecentAlerts.TrimToNewest(_options.HostRecentAlerts);
        if (State.FiledAlertIds.Count > 0)
        {
            var kept = State.RecentAlerts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            State.FiledAlertIds.RemoveAll(id => !kept.Contains(id));
        }

        await Announce(before, reached, []);
        await _write.Changed();
        return isNew;
    }

    public async Task<bool[]> Redeliver(AlertSummary[] alerts)
    {
        var isNew = await Observe(alerts);
        var filed = State.FiledAlertIds.ToHashSet(StringComparer.Ordinal);
        var seen = alerts.Where((a, i) => !isNew[i] && a.PrimaryHost == _hostKey && !filed.Contains(a.Id)).DistinctBy(a => a.Id).ToArray();
        if (seen.Length > 0 && State.OpenIncidentId is { } openId && await Incident(openId).Add(_hostKey, seen, []) is { } took)
        {
            State.OpenIncidentId = took;
        }

        return isNew;
    }

    public async Task<bool[]> Witness(ContextSummary[] events)
    {
        var fresh = _seen.SelectNew(events, e => e.Id, out var isNew);
        if (fresh.Count == 0)
        {
            return isNew;
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in fresh)
        {
            _seen.Add(e.Id);
            State.ContextEventCount++;
            var step = LateralSteps.Step(e);
            var peer = RecordContact(
                e.Src, e.Dst, e.Time, step?.Via ?? e.Protocol ?? e.Kind.ToString().ToLowerInvariant(), e.Detail, e.User, e.Id,
                step is null ? LateralKind.None : LateralKind.ContextEvent, step?.Technique);
            if (peer is not null)
            {
                reached.Add(peer);
            }

            if (RecordLogon(e))
            {
                users.Add(e.User!);
            }
        }

        await Announce(Standing(), reached, users);
        await _write.Changed();
        return isNew;
    }

    public async Task Suspect(Suspicion suspicion)
    {
        if (suspicion.Edge.To != _hostKey)
        {
            return;
        }

        var before = Standing();
        var index = State.Suspicions.FindIndex(h =>
            h.Suspicion.Edge.From == suspicion.Edge.From && h.Suspicion.Kind == suspicion.Kind);
        if (index >= 0)
        {
            var held = State.Suspicions[index];
            var folded = held.Suspicion with { IncidentId = suspicion.IncidentId, Edge = held.Suspicion.Edge.Fold(suspicion.Edge) };
            if (folded == held.Suspicion)
            {
                return;
            }

            State.Suspicions[index] = new HostSuspicion(folded, held.State == SuspicionState.Routine ? SuspicionState.Routine : SuspicionState.Pending);
        }
        else
        {
            // Correlate judges it routine or not, with every other pending one.
            State.Suspicions.Add(new HostSuspicion(suspicion, SuspicionState.Pending));
            if (State.Suspicions.Count > _options.HostSuspicionsKept)
            {
                State.Suspicions.Remove(State.Suspicions.MinBy(h => h.Suspicion.Time)!);
            }
        }

        await Correlate([]);
        await Announce(before, [], []);
        await _write.Changed();
    }

    public Task<HostView> GetView() => Task.FromResult(new HostView(
        _hostKey,
        State.AlertCount > 0 || State.ContextEventCount > 0 || State.Suspicions.Count > 0,
        State.FirstSeen,
        State.LastSeen,
        State.AlertCount,
        State.OpenIncidentId,
        [.. State.RecentAlerts],
        [.. State.Contacts.OrderByDescending(c => c.LastSeen)],
        [.. State.Logons.OrderByDescending(l => l.LastSeen)],
        State.CompromisedSince,
        Risk(),
        [.. State.Suspicions.OrderBy(s => s.Suspicion.Time)]));

    /// <summary>
    /// Puts this host's new alerts (none, when a suspicion arrives) in an incident:
    /// 1. its open incident takes them;
    /// 2. else a pending suspicion whose window holds one of its alerts draws the host, with all its kept alerts, into
    ///    the suspicion's incident;
    /// 3. else an alert at or above the threshold opens a new incident.
    /// Once in an incident, every other suspicion it holds merges the suspicion's incident with it.
    /// The outcome depends on which alerts and suspicions the host has, not on the order they came in.
    /// </summary>
    private async Task Correlate(AlertSummary[] alerts)
    {
        // Routine is judged again on what the host knows now: the traffic that shows a server is shared may have
        // arrived after the suspicion did.
        for (var i = 0; i < State.Suspicions.Count; i++)
        {
            if (State.Suspicions[i] is { State: SuspicionState.Pending } held && IsRoutine(held.Suspicion))
            {
                State.Suspicions[i] = held with { State = SuspicionState.Routine };
                metrics.Decision("routine");
            }
        }

        if (State.OpenIncidentId is { } openId && alerts.Length > 0)
        {
            if (await Incident(openId).Add(_hostKey, alerts, []) is { } took)
            {
                Enter(took, EarliestSevere(alerts));
            }
            else
            {
                LeaveClosedIncident();
            }
        }

        if (State.OpenIncidentId is null)
        {
            // The host's kept alerts go in with it, as its context, whichever alert comes first.
            var filed = State.FiledAlertIds.ToHashSet(StringComparer.Ordinal);
            var own = State.RecentAlerts.Where(a => a.PrimaryHost == _hostKey && !filed.Contains(a.Id))
                .Concat(alerts).DistinctBy(a => a.Id).ToArray();
            var drawnBy = State.Suspicions
                .Where(h => h.State == SuspicionState.Pending)
                .OrderBy(h => h.Suspicion.Time)
                .FirstOrDefault(h => own.Any(a => InWindow(h.Suspicion, a.Time)));
            if (drawnBy is not null)
            {
                var suspicion = drawnBy.Suspicion;
                if (await Incident(suspicion.IncidentId).Add(_hostKey, own, [suspicion.Edge]) is { } took)
                {
                    Enter(took, Earliest(suspicion.Time, EarliestSevere(own)));
                    metrics.Decision("joined");
                }

                // Applied either way: a closed incident draws no one in.
                MarkApplied(drawnBy);
            }
            else if (alerts.Any(a => a.Severity >= _options.OpenIncidentAt))
            {
                var id = NewIncidentId();
                await Incident(id).Open(_hostKey, own);
                Enter(id, EarliestSevere(own));
                metrics.Decision("opened");
            }
        }

        foreach (var held in State.Suspicions.Where(h => h.State == SuspicionState.Pending).ToList())
        {
            if (State.OpenIncidentId is not { } current)
            {
                return;
            }

            var suspicion = held.Suspicion;
            var took = suspicion.IncidentId == current
                ? await Incident(current).Add(_hostKey, [], [suspicion.Edge])
                : string.CompareOrdinal(current, suspicion.IncidentId) < 0
                    ? await Incident(suspicion.IncidentId).Merge(current, [suspicion.Edge])
                    : await Incident(current).Merge(suspicion.IncidentId, [suspicion.Edge]);
            if (took is null)
            {
                LeaveClosedIncident();
                return;
            }

            Enter(took, suspicion.Time);
            MarkApplied(held);
        }
    }

    /// <summary>Its incident was closed: the next alert starts afresh, without the alerts already filed in it.</summary>
    private void LeaveClosedIncident()
    {
        State.OpenIncidentId = null;
        State.CompromisedSince = null;
        State.FiledAlertIds = [.. State.RecentAlerts.Select(a => a.Id)];
        State.IncidentEpoch++;
    }

    private void Enter(string incidentId, DateTimeOffset? since)
    {
        State.OpenIncidentId = incidentId;
        State.CompromisedSince = Earliest(State.CompromisedSince, since) ?? State.CompromisedSince;
    }

    private void MarkApplied(HostSuspicion held)
    {
        var index = State.Suspicions.IndexOf(held);
        if (index >= 0)
        {
            State.Suspicions[index] = held with { State = SuspicionState.Applied };
        }
    }

    /// <summary>
    /// The compromise runs from the host's earliest alert severe enough to open an incident: a quiet alert days
    /// earlier (a policy hit, a scan) does not make every later step of the host an attacker's.
    /// </summary>
    private DateTimeOffset? EarliestSevere(IEnumerable<AlertSummary> alerts) =>
        alerts.Where(a => a.Severity >= _options.OpenIncidentAt).Select(a => (DateTimeOffset?)a.Time).Min();

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a <= b ? a : b;

    private bool InWindow(Suspicion suspicion, DateTimeOffset at) =>
        at >= suspicion.Time && at <= suspicion.Time + _options.Window;

    /// <summary>
    /// A shared server (a file server, a domain controller) is reached the same way by many hosts every day: a
    /// compromised host doing so too shows nothing. A detection whose own technique is lateral movement is never
    /// routine, however many hosts trip it: tuning a noisy rule is triage's job, not correlation's.
    /// </summary>
    private bool IsRoutine(Suspicion suspicion)
    {
        if (suspicion.Kind == LateralKind.Alert && LateralSteps.IsLateralTechnique(suspicion.Edge.Via))
        {
            return false;
        }

        var peers = State.Contacts
            .Where(c => c.Direction == ContactDirection.Inbound && c.Peer != suspicion.Edge.From
                && (suspicion.Kind == LateralKind.Account || c.Protocol == suspicion.Edge.Via))
            .Select(c => c.Peer)
            .Distinct(StringComparer.Ordinal)
            .Count();
        return peers >= _options.SharedServerPeers;
    }

    private (string? Incident, DateTimeOffset? Since) Standing() => (State.OpenIncidentId, State.CompromisedSince);

    /// <summary>
    /// Tells the hosts this one reached after its compromise that they may be in its incident, and the accounts that
    /// logged on to it that they may be exposed: all of them when the incident or the compromise time changed,
    /// else only the ones this call added. One-way messages.
    /// </summary>
    private Task Announce((string? Incident, DateTimeOffset? Since) before, HashSet<string> reached, HashSet<string> users)
    {
        if (State.OpenIncidentId is not { } incidentId || State.CompromisedSince is not { } since)
        {
            return Task.CompletedTask;
        }

        var changed = before != Standing();
        var messages = new List<Task>();
        foreach (var contact in State.Contacts)
        {
            if (contact.Direction == ContactDirection.Outbound && contact.Lateral != LateralKind.None
                && (changed || reached.Contains(contact.Peer))
                && Step(contact, since) is { } edge)
            {
                messages.Add(Host(contact.Peer).Suspect(new Suspicion(incidentId, edge, contact.Lateral)));
            }
        }

        var exposure = new Exposure(_hostKey, incidentId, since);
        foreach (var user in changed ? State.Logons.Select(l => l.User) : users)
        {
            messages.Add(GrainFactory.GetGrain<IUserGrain>(TenantScoped.Key(_tenant, user)).Expose(exposure));
        }

        return Task.WhenAll(messages);
    }

    /// <summary>
    /// The contact as a step after <paramref name="since"/> and within the window, or null. A contact is folded over
    /// every time it happened: its first time when that is after the compromise, else its last.
    /// </summary>
    private LateralEdge? Step(HostContact contact, DateTimeOffset since)
    {
        var (stepAt, evidence) = contact.FirstSeen >= since ? (contact.FirstSeen, contact.FirstEvidence ?? contact.LastEvidence)
            : (contact.LastSeen, contact.LastEvidence);
        if (stepAt < since || stepAt > since + _options.Window)
        {
            return null;
        }

        string[] ids = evidence is null ? [] : [evidence];
        return new LateralEdge(_hostKey, contact.Peer, stepAt, contact.Technique, contact.Protocol,
            contact.Lateral == LateralKind.Alert ? ids : [],
            contact.Lateral == LateralKind.Alert ? [] : ids);
    }

    private int Risk()
    {
        var score = State.RecentAlerts.Where(a => a.PrimaryHost == _hostKey).Sum(a => a.Severity switch
        {
            Severity.Critical => 40,
            Severity.High => 15,
            Severity.Medium => 5,
            Severity.Low => 1,
            _ => 0,
        });
        score += State.OpenIncidentId is null ? 0 : 20;
        score += State.Suspicions.Any(s => s.State != SuspicionState.Routine) ? 20 : 0;
        return Math.Min(100, score);
    }

    private void Record(AlertSummary alert, HashSet<string> reached)
    {
        State.AlertCount++;
        State.FirstSeen = State.FirstSeen is { } first ? Min(first, alert.Time) : alert.Time;
        State.LastSeen = State.LastSeen is { } last ? Max(last, alert.Time) : alert.Time;
        State.RecentAlerts.Add(alert);
        var lateral = LateralSteps.IsStep(alert);
        var peer = RecordContact(
            alert.Src, alert.Dst, alert.Time, AlertContactProtocol(alert), alert.Title, alert.User, alert.Id,
            lateral ? LateralKind.Alert : LateralKind.None, lateral ? LateralSteps.Technique(alert) : null);
        if (peer is not null)
        {
            reached.Add(peer);
        }
    }

    /// <summary>An alert's contact is named by its technique where it has one, else by protocol and port.</summary>
    private static string AlertContactProtocol(AlertSummary alert) =>
        alert.Technique ?? $"{alert.Protocol ?? "ip"}/{alert.Dst?.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";

    /// <summary>
    /// Internal hosts only: lateral movement is between our hosts, and a busy host's talk with the internet would
    /// otherwise push them out of its bounded list. Returns the peer when this host reached it laterally.
    /// </summary>
    private string? RecordContact(
        EndpointSummary? src, EndpointSummary? dst, DateTimeOffset time, string protocol, string? detail, string? user,
        string evidence, LateralKind lateral, string? technique)
    {
        var (direction, peer) = dst?.Key == _hostKey ? (ContactDirection.Inbound, src)
            : src?.Key == _hostKey ? (ContactDirection.Outbound, dst)
            : (ContactDirection.Inbound, null);
        if (peer is not { IsInternal: true, Key: { } peerKey } || peerKey == _hostKey)
        {
            return null;
        }

        State.Contacts.Fold(
            c => c.Direction == direction && c.Peer == peerKey && c.Protocol == protocol,
            c => c is null
                ? new HostContact(direction, peerKey, protocol, time, time, 1, detail, user, evidence, lateral, technique, evidence)
                : c with
                {
                    FirstSeen = Min(c.FirstSeen, time),
                    LastSeen = Max(c.LastSeen, time),
                    Count = c.Count + 1,
                    LastDetail = detail ?? c.LastDetail,
                    LastUser = user ?? c.LastUser,
                    LastEvidence = evidence,
                    FirstEvidence = time < c.FirstSeen ? evidence : c.FirstEvidence,
                    Lateral = c.Lateral == LateralKind.None ? lateral : c.Lateral,
                    Technique = c.Technique ?? technique,
                },
            c => c.LastSeen,
            _options.HostContactsKept);
        return direction == ContactDirection.Outbound && lateral != LateralKind.None ? peerKey : null;
    }

    /// <summary>Logons to this host, by account: the destination of a logon is where the account was used.</summary>
    private bool RecordLogon(ContextSummary e)
    {
        if (e.User is not { } user || !IsLogon(e.Kind) || (e.Dst?.Key ?? e.PrimaryHost) != _hostKey)
        {
            return false;
        }

        var failed = e.Success == false || e.Kind == ContextEventKind.LogonFailed;
        State.Logons.Fold(
            l => l.User == user,
            l => l is null
                ? new HostLogon(user, e.Time, e.Time, failed ? 0 : 1, failed ? 1 : 0, e.Src?.Key)
                : l with
                {
                    FirstSeen = Min(l.FirstSeen, e.Time),
                    LastSeen = Max(l.LastSeen, e.Time),
                    Successes = l.Successes + (failed ? 0 : 1),
                    Failures = l.Failures + (failed ? 1 : 0),
                    LastFrom = e.Src?.Key ?? l.LastFrom,
                },
            l => l.LastSeen,
            _options.HostLogonsKept);
        return !failed;
    }

    internal static bool IsLogon(ContextEventKind kind) => kind is ContextEventKind.Logon or ContextEventKind.LogonFailed
        or ContextEventKind.ExplicitCredentials or ContextEventKind.PrivilegedLogon;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private IIncidentGrain Incident(string id) => GrainFactory.GetGrain<IIncidentGrain>(TenantScoped.Key(_tenant, id));

    private IHostGrain Host(string key) => GrainFactory.GetGrain<IHostGrain>(TenantScoped.Key(_tenant, key));

    /// <summary>
    /// The id of the next incident this host opens, derived from the host and how many of its incidents closed before:
    /// a batch replayed from the ingest journal after a silo lost this host's last state opens the same incident
    /// again (and the incident counts each alert once), never a second one.
    /// </summary>
    private string NewIncidentId() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{_tenant}/{_hostKey}#{State.IncidentEpoch}")).AsSpan(0, 16));
}

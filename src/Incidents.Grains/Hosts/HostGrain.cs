using Incidents.Alerts;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Hosts;

/// <summary>
/// One internal host. It counts each alert once, keeps the newest, and for the alerts it is the primary
/// host of, chooses the incident: its open one, or a new one for an alert severe enough.
/// Calls only incident grains, which never call hosts, so no call cycle can form.
/// </summary>
public sealed class HostGrain(
    [PersistentState("host", StorageNames.Incidents)] IPersistentState<HostState> state,
    IOptions<CorrelationOptions> options,
    TimeProvider time) : Grain, IHostGrain
{
    private readonly CorrelationOptions _options = options.Value;
    private string _tenant = "";
    private string _hostKey = "";
    private SeenKeys _seen = null!;
    private DeferredStateWrite<HostState> _write = null!;

    private HostState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _hostKey) = TenantScoped.Split(this.GetPrimaryKeyString());
        _seen = new SeenKeys(State.SeenAlertKeys, _options.HostSeenAlertKeys);
        _write = new DeferredStateWrite<HostState>(this, state, _options.StateWriteDelay);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _write.FlushAsync();

    public async Task<bool[]> Observe(AlertSummary[] alerts)
    {
        var fresh = _seen.SelectNew(alerts, a => a.Id, out var isNew);
        if (fresh.Count == 0)
        {
            return isNew;
        }

        // The incident first: if it fails, nothing here is recorded, and the caller's retry does it all again.
        if (fresh.Where(a => a.PrimaryHost == _hostKey).ToArray() is { Length: > 0 } primary)
        {
            await ChooseIncident(primary);
        }

        foreach (var alert in fresh)
        {
            _seen.Add(alert.Id);
            Record(alert);
        }

        State.RecentAlerts.TrimToNewest(_options.HostRecentAlerts);
        await _write.Changed();
        return isNew;
    }

    public async Task<bool[]> Witness(ContextSummary[] events)
    {
        var fresh = _seen.SelectNew(events, e => e.Id, out var isNew);
        foreach (var e in fresh)
        {
            _seen.Add(e.Id);
            State.ContextEventCount++;
            RecordContact(e.Src, e.Dst, e.Time, e.Protocol ?? e.Kind.ToString().ToLowerInvariant(), e.Detail, e.User, e.Id);
            RecordLogon(e);
        }

        if (fresh.Count > 0)
        {
            await _write.Changed();
        }

        return isNew;
    }

    public Task<HostView> GetView() => Task.FromResult(new HostView(
        _hostKey,
        State.AlertCount > 0 || State.ContextEventCount > 0,
        State.FirstSeen,
        State.LastSeen,
        State.AlertCount,
        State.OpenIncidentId,
        [.. State.RecentAlerts],
        [.. State.Contacts.OrderByDescending(c => c.LastSeen)],
        [.. State.Logons.OrderByDescending(l => l.LastSeen)]));

    private void Record(AlertSummary alert)
    {
        State.AlertCount++;
        State.FirstSeen = State.FirstSeen is { } first ? Min(first, alert.Time) : alert.Time;
        State.LastSeen = State.LastSeen is { } last ? Max(last, alert.Time) : alert.Time;
        State.RecentAlerts.Add(alert);
        RecordContact(alert.Src, alert.Dst, alert.Time, AlertContactProtocol(alert), alert.Title, alert.User, alert.Id);
    }

    /// <summary>An alert's contact is named by its technique where it has one, else by protocol and port.</summary>
    private static string AlertContactProtocol(AlertSummary alert) =>
        alert.Technique ?? $"{alert.Protocol ?? "ip"}/{alert.Dst?.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";

    /// <summary>
    /// Internal hosts only: lateral movement is between our hosts, and a busy host's talk with the internet would
    /// otherwise push them out of its bounded list.
    /// </summary>
    private void RecordContact(
        EndpointSummary? src, EndpointSummary? dst, DateTimeOffset time, string protocol, string? detail, string? user, string evidence)
    {
        var (direction, peer) = dst?.Key == _hostKey ? (ContactDirection.Inbound, src)
            : src?.Key == _hostKey ? (ContactDirection.Outbound, dst)
            : (ContactDirection.Inbound, null);
        if (peer is not { IsInternal: true, Key: { } peerKey } || peerKey == _hostKey)
        {
            return;
        }

        State.Contacts.Fold(
            c => c.Direction == direction && c.Peer == peerKey && c.Protocol == protocol,
            c => c is null
                ? new HostContact(direction, peerKey, protocol, time, time, 1, detail, user, evidence)
                : c with
                {
                    FirstSeen = Min(c.FirstSeen, time),
                    LastSeen = Max(c.LastSeen, time),
                    Count = c.Count + 1,
                    LastDetail = detail ?? c.LastDetail,
                    LastUser = user ?? c.LastUser,
                    LastEvidence = evidence,
                },
            c => c.LastSeen,
            _options.HostContactsKept);
    }

    /// <summary>Logons to this host, by account: the destination of a logon is where the account was used.</summary>
    private void RecordLogon(ContextSummary e)
    {
        if (e.User is not { } user || !IsLogon(e.Kind) || (e.Dst?.Key ?? e.PrimaryHost) != _hostKey)
        {
            return;
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
    }

    internal static bool IsLogon(ContextEventKind kind) => kind is ContextEventKind.Logon or ContextEventKind.LogonFailed
        or ContextEventKind.ExplicitCredentials or ContextEventKind.PrivilegedLogon;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private async Task ChooseIncident(AlertSummary[] alerts)
    {
        if (State.OpenIncidentId is { } openId)
        {
            if (await Incident(openId).Add(_hostKey, alerts))
            {
                return;
            }

            State.OpenIncidentId = null;
        }

        if (!alerts.Any(a => a.Severity >= _options.OpenIncidentAt))
        {
            return;
        }

        // The whole batch goes in: the quieter alerts beside the one that opened it are its context.
        var id = NewIncidentId(time.GetUtcNow());
        await Incident(id).Open(_hostKey, alerts);
        State.OpenIncidentId = id;
    }

    private IIncidentGrain Incident(string id) => GrainFactory.GetGrain<IIncidentGrain>(TenantScoped.Key(_tenant, id));

    /// <summary>Time-ordered, so that ids sort by creation; random past the timestamp.</summary>
    private static string NewIncidentId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");
}

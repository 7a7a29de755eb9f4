using Incidents.Contracts.Alerts;
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
    private SeenAlerts _seen = null!;
    private DeferredStateWrite<HostState> _write = null!;

    private HostState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _hostKey) = TenantScoped.Split(this.GetPrimaryKeyString());
        _seen = new SeenAlerts(State.SeenAlertKeys, _options.HostSeenAlertKeys);
        _write = new DeferredStateWrite<HostState>(this, state, _options.StateWriteDelay);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _write.FlushAsync();

    public async Task<bool[]> Observe(AlertSummary[] alerts)
    {
        var isNew = new bool[alerts.Length];
        var fresh = new List<AlertSummary>();
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < alerts.Length; i++)
        {
            var alert = alerts[i];
            if (_seen.Contains(alert.Id) || _seen.Contains(alert.Fingerprint)
                || inBatch.Contains(alert.Id) || inBatch.Contains(alert.Fingerprint))
            {
                continue;
            }

            inBatch.Add(alert.Id);
            inBatch.Add(alert.Fingerprint);
            isNew[i] = true;
            fresh.Add(alert);
        }

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
            _seen.Add(alert.Fingerprint);
            Record(alert);
        }

        State.RecentAlerts.TrimToNewest(_options.HostRecentAlerts);
        await _write.Changed();
        return isNew;
    }

    public Task<HostView> GetView() => Task.FromResult(new HostView(
        _hostKey,
        State.AlertCount > 0,
        State.FirstSeen,
        State.LastSeen,
        State.AlertCount,
        State.OpenIncidentId,
        [.. State.RecentAlerts]));

    private void Record(AlertSummary alert)
    {
        State.AlertCount++;
        State.FirstSeen = State.FirstSeen is { } first && first <= alert.Time ? first : alert.Time;
        State.LastSeen = State.LastSeen is { } last && last >= alert.Time ? last : alert.Time;
        State.RecentAlerts.Add(alert);
    }

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

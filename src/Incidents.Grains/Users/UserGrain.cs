using Incidents.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Users;

/// <summary>One account: every internal host its logons and authentications name, with when. Calls no grain.</summary>
public sealed class UserGrain(
    [PersistentState("user", StorageNames.Incidents)] IPersistentState<UserState> state,
    IOptions<CorrelationOptions> options) : Grain, IUserGrain
{
    private readonly CorrelationOptions _options = options.Value;
    private string _name = "";
    private SeenKeys _seen = null!;
    private DeferredStateWrite<UserState> _write = null!;

    private UserState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _name = TenantScoped.Split(this.GetPrimaryKeyString()).Key;
        _seen = new SeenKeys(State.SeenEventKeys, _options.HostSeenAlertKeys);
        _write = new DeferredStateWrite<UserState>(this, state, _options.StateWriteDelay);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _write.FlushAsync();

    public Task Witness(ContextSummary[] events)
    {
        var fresh = _seen.SelectNew(events, e => e.Id, out _);
        foreach (var e in fresh)
        {
            _seen.Add(e.Id);
            State.FirstSeen = State.FirstSeen is { } first && first <= e.Time ? first : e.Time;
            State.LastSeen = State.LastSeen is { } last && last >= e.Time ? last : e.Time;
            var failed = e.Success == false || e.Kind == ContextEventKind.LogonFailed;
            foreach (var host in e.Hosts)
            {
                State.Hosts.Fold(
                    h => h.Host == host,
                    h => h is null
                        ? new UserHost(host, e.Time, e.Time, failed ? 0 : 1, failed ? 1 : 0)
                        : h with
                        {
                            FirstSeen = h.FirstSeen <= e.Time ? h.FirstSeen : e.Time,
                            LastSeen = h.LastSeen >= e.Time ? h.LastSeen : e.Time,
                            Successes = h.Successes + (failed ? 0 : 1),
                            Failures = h.Failures + (failed ? 1 : 0),
                        },
                    h => h.LastSeen,
                    _options.UserHostsKept);
            }
        }

        return fresh.Count > 0 ? _write.Changed() : Task.CompletedTask;
    }

    public Task<UserView> GetView() => Task.FromResult(new UserView(
        _name,
        State.FirstSeen is not null,
        State.FirstSeen,
        State.LastSeen,
        [.. State.Hosts.OrderBy(h => h.FirstSeen)]));
}

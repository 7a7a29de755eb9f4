using Incidents.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Users;

/// <summary>
/// One account: every internal host its logons and authentications name, with when. Told by hosts that they are
/// compromised, it decides credential spread from its own state: the account seen on a compromised host after the
/// compromise, then on another host within the window, makes that host a suspect.
/// </summary>
/// <remarks>It sends only one-way messages (to hosts), and hosts send it only one-way messages: no call cycle.</remarks>
public sealed class UserGrain(
    [PersistentState("user", StorageNames.Incidents)] IPersistentState<UserState> state,
    IOptions<CorrelationOptions> options) : Grain, IUserGrain, IGrainMigrationParticipant
{
    private readonly CorrelationOptions _options = options.Value;
    private string _tenant = "";
    private string _name = "";
    private SeenKeys _seen = null!;
    private readonly DeferredStateWrite<UserState> _write = new(state, options.Value.StateWriteDelay);

    private UserState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _name) = TenantScoped.Split(this.GetPrimaryKeyString());
        _seen = new SeenKeys(State.SeenEventKeys, _options.HostSeenAlertKeys);
        _write.Attach(this);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _write.FlushAsync(reason, cancellationToken);

    public void OnDehydrate(IDehydrationContext dehydrationContext) => _write.OnDehydrate(dehydrationContext);

    public void OnRehydrate(IRehydrationContext rehydrationContext) => _write.OnRehydrate(rehydrationContext);

    public async Task Witness(ContextSummary[] events)
    {
        var fresh = _seen.SelectNew(events, e => e.Id, out _);
        if (fresh.Count == 0)
        {
            return;
        }

        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in fresh)
        {
            _seen.Add(e.Id);
            State.FirstSeen = State.FirstSeen is { } first && first <= e.Time ? first : e.Time;
            State.LastSeen = State.LastSeen is { } last && last >= e.Time ? last : e.Time;
            var failed = e.Success == false || e.Kind == ContextEventKind.LogonFailed;
            foreach (var host in e.Hosts)
            {
                touched.Add(host);
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

        // A new host of the account may be where it went from a compromised one; and a compromised host it was
        // seen on only now makes all its other hosts worth a look.
        foreach (var exposure in State.Exposures)
        {
            await Spread(exposure, touched.Contains(exposure.Host) ? null : touched);
        }

        await _write.Changed();
    }

    public async Task Expose(Exposure exposure)
    {
        var index = State.Exposures.FindIndex(e => e.Host == exposure.Host);
        if (index >= 0)
        {
            var known = State.Exposures[index];
            var merged = known with
            {
                IncidentId = exposure.IncidentId,
                Since = known.Since <= exposure.Since ? known.Since : exposure.Since,
            };
            if (merged == known)
            {
                return;
            }

            State.Exposures[index] = merged;
            exposure = merged;
        }
        else
        {
            State.Exposures.Add(exposure);
            if (State.Exposures.Count > _options.UserExposuresKept)
            {
                State.Exposures.RemoveAt(0);
            }
        }

        await Spread(exposure, null);
        await _write.Changed();
    }

    public Task<UserView> GetView() => Task.FromResult(new UserView(
        _name,
        State.FirstSeen is not null,
        State.FirstSeen,
        State.LastSeen,
        [.. State.Hosts.OrderBy(h => h.FirstSeen)],
        [.. State.Exposures]));

    /// <summary>
    /// Suspects the hosts (all, or <paramref name="only"/> these) the account was seen on after it was seen on the
    /// exposed host since its compromise, within the window. Host appearances are folded to first and last seen: the
    /// first counts when it is late enough, else the last.
    /// </summary>
    private Task Spread(Exposure exposure, HashSet<string>? only)
    {
        if (State.Hosts.Find(h => h.Host == exposure.Host) is not { } exposed
            || SeenAfter(exposed, exposure.Since) is not { } exposedAt)
        {
            return Task.CompletedTask;
        }

        var messages = new List<Task>();
        foreach (var host in State.Hosts)
        {
            if (host.Host == exposure.Host || (only is not null && !only.Contains(host.Host))
                || SeenAfter(host, exposedAt) is not { } at || at > exposedAt + _options.Window)
            {
                continue;
            }

            var edge = new LateralEdge(exposure.Host, host.Host, at, "T1078", $"account {_name}", [], []);
            messages.Add(GrainFactory.GetGrain<IHostGrain>(TenantScoped.Key(_tenant, host.Host))
                .Suspect(new Suspicion(exposure.IncidentId, edge, LateralKind.Account)));
        }

        return Task.WhenAll(messages);
    }

    private static DateTimeOffset? SeenAfter(UserHost host, DateTimeOffset since) =>
        host.FirstSeen >= since ? host.FirstSeen : host.LastSeen >= since ? host.LastSeen : null;
}

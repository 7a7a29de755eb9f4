using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;
using Incidents.Grains.Correlation;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Users;

/// <summary>
/// One account: every internal host its logons and authentications name, with when, and where it signs in from
/// through cloud identity providers (sign-ins that name no host come here alone). Told by hosts that they are
/// compromised, it decides credential spread from its own state: the account seen on a compromised host after the
/// compromise, then on another host within the window, makes that host a suspect.
/// </summary>
/// <remarks>It sends only one-way messages (to hosts), and hosts send it only one-way messages: no call cycle.</remarks>
public sealed class UserGrain(
    [PersistentState("user", StorageNames.Entities)] IPersistentState<UserState> state,
    IOptions<CorrelationOptions> options) : WriteBehindGrain<UserState>(state, options.Value.StateWriteDelay), IUserGrain
{
    private string _tenant = "";
    private SeenKeys _seen = null!;
    private UserRecord _record = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, var name) = TenantScoped.Split(this.GetPrimaryKeyString());
        _seen = new SeenKeys(State.SeenEventKeys, options.Value.HostSeenAlertKeys);
        _record = new UserRecord(State, options.Value, name);
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<bool[]> Witness(ContextSummary[] events)
    {
        var fresh = _seen.SelectNew(events, e => e.Id, out var isNew);
        if (fresh.Count == 0)
        {
            return isNew;
        }

        foreach (var e in fresh)
        {
            _seen.Add(e.Id);
        }

        await Tell(_record.SpreadAfterWitness(_record.Witness(fresh)));
        await StateChanged();
        return isNew;
    }

    public async Task Expose(Exposure exposure)
    {
        if (_record.Expose(exposure) is not { } held)
        {
            return;
        }

        await Tell(_record.Spread(held, only: null));
        await StateChanged();
    }

    public Task<UserView> GetView() => Task.FromResult(_record.View());

    public Task<UserFacts> Facts(UserFactsQuery query) => Task.FromResult(_record.Facts(query));

    /// <summary>One-way: a host never waits on an account, nor an account on a host.</summary>
    private Task Tell(IEnumerable<Suspicion> suspicions) => Task.WhenAll(
        suspicions.Select(s => GrainFactory.GetGrain<IHostGrain>(TenantScoped.Key(_tenant, s.Edge.To)).Suspect(s)));
}

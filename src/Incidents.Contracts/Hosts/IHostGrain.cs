using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;

namespace Incidents.Contracts.Hosts;

/// <summary>
/// One internal host of one tenant, keyed <c>{tenant}/{hostKey}</c>. It sees every alert that names it,
/// and decides the incident of every alert it is the primary host of.
/// </summary>
public interface IHostGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a batch of alerts naming this host. Returns, in order, whether each alert was new here
    /// (false for one already seen: same id or fingerprint).
    /// </summary>
    Task<bool[]> Observe(AlertSummary[] alerts);

    /// <summary>
    /// Records context events naming this host: who logged on to it, which hosts it reached and was reached from.
    /// They never open an incident. Returns, in order, whether each event was new here.
    /// </summary>
    Task<bool[]> Witness(ContextSummary[] events);

    [ReadOnly]
    Task<HostView> GetView();
}

using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Correlation;

namespace Incidents.Contracts.Hosts;

/// <summary>
/// One internal host of one tenant, keyed <c>{tenant}/{hostKey}</c>. It sees every alert that names it,
/// and decides the incident of every alert it is the primary host of.
/// </summary>
[Alias("Incidents.IHostGrain")]
public interface IHostGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a batch of alerts naming this host. Returns, in order, whether each alert was new here
    /// (false for one already seen: same id or fingerprint).
    /// </summary>
    [Alias("Observe")]
    Task<bool[]> Observe(AlertSummary[] alerts);

    /// <summary>
    /// A batch replayed from the ingest journal: as <see cref="Observe"/>, and the alerts this host had seen already
    /// go to its incident again, which counts each once: the incident (or the list) may have lost them with a silo.
    /// </summary>
    [Alias("Redeliver")]
    Task<bool[]> Redeliver(AlertSummary[] alerts);

    /// <summary>
    /// Records context events naming this host: who logged on to it, which hosts it reached and was reached from.
    /// They never open an incident. Returns, in order, whether each event was new here.
    /// </summary>
    [Alias("Witness")]
    Task<bool[]> Witness(ContextSummary[] events);

    /// <summary>
    /// A host in an incident reached this one after its compromise (or an account moved here from it).
    /// One-way: the sender never waits on this host, so hosts telling each other cannot form a call cycle.
    /// </summary>
    [OneWay]
    [Alias("Suspect")]
    Task Suspect(Suspicion suspicion);

    /// <summary>
    /// The inventory names this host, keyed by an address, <paramref name="name"/>: it hands what it knows to that host
    /// and from then on is its alias (calls go on to it, and its view is that host's). One-way, from the address map.
    /// </summary>
    [OneWay]
    [Alias("Named")]
    Task Named(string name);

    /// <summary>Takes in what a host known by one of its addresses knew (idempotent), and the incident it was in.</summary>
    [Alias("Adopt")]
    Task Adopt(HostHandover handover);

    /// <summary>Its view; an alias answers with the view of the host it is an alias of.</summary>
    [ReadOnly]
    [Alias("GetView")]
    Task<HostView> GetView();
}

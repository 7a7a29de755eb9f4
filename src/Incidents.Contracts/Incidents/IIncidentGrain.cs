using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Incidents;

/// <summary>
/// One incident of one tenant, keyed <c>{tenant}/{incidentId}</c>. It accumulates correlated alerts
/// and the hosts and users they name. Calls only the tenant's <see cref="IIncidentListGrain"/>,
/// never a host grain, so host → incident → list can form no call cycle.
/// </summary>
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>Opens the incident with its first alerts, decided by <paramref name="hostKey"/>'s grain.</summary>
    Task Open(string hostKey, AlertSummary[] alerts);

    /// <summary>
    /// Adds alerts to the incident. Returns false when it takes no more alerts (closed, or never opened),
    /// so that the host opens a new one.
    /// </summary>
    Task<bool> Add(string hostKey, AlertSummary[] alerts);

    /// <summary>The incident with its newest <paramref name="alertLimit"/> alerts; null if there is no such incident.</summary>
    [ReadOnly]
    Task<IncidentView?> GetView(int alertLimit);
}

using Incidents.Alerts;

namespace Incidents.Grains;

/// <summary>How alerts become incidents, and the bounds that keep every grain's state small.</summary>
public sealed class CorrelationOptions
{
    public const string Section = "Incidents:Correlation";

    /// <summary>A host with no open incident opens one for an alert at or above this severity.</summary>
    public Severity OpenIncidentAt { get; set; } = Severity.Medium;

    /// <summary>Alerts a host keeps to show; older ones roll off (they stay counted, and in their incident).</summary>
    public int HostRecentAlerts { get; set; } = 100;

    /// <summary>Alert and event ids a host (or user) remembers, to count a redelivered one once.</summary>
    public int HostSeenAlertKeys { get; set; } = 4096;

    /// <summary>Hosts a host remembers reaching or being reached from (per protocol); the least recent leave first.</summary>
    public int HostContactsKept { get; set; } = 200;

    /// <summary>Accounts a host remembers logging on to it; the least recent leave first.</summary>
    public int HostLogonsKept { get; set; } = 200;

    /// <summary>Hosts a user account remembers being seen on; the least recent leave first.</summary>
    public int UserHostsKept { get; set; } = 500;

    /// <summary>Alerts an incident keeps in full; past this it keeps the newest and counts the rest.</summary>
    public int IncidentAlertsKept { get; set; } = 500;

    /// <summary>Hosts and users an incident lists; past this they are counted only.</summary>
    public int IncidentEntitiesKept { get; set; } = 500;

    public int IncidentTimelineKept { get; set; } = 200;

    /// <summary>Incidents a tenant's list holds; the oldest closed ones leave first.</summary>
    public int ListIncidentsKept { get; set; } = 10_000;

    /// <summary>
    /// How long a grain gathers changes before writing its state: Azure Table storage takes about
    /// 1,000 writes/s on a small machine, and a busy grain changes many times a second. Zero writes at once.
    /// </summary>
    public TimeSpan StateWriteDelay { get; set; } = TimeSpan.FromSeconds(1);
}

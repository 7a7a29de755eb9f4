using Incidents.Contracts.Alerts;

namespace Incidents.Grains;

/// <summary>How alerts become incidents, and the bounds that keep every grain's state small.</summary>
public sealed class CorrelationOptions
{
    public const string Section = "Incidents:Correlation";

    /// <summary>A host with no open incident opens one for an alert at or above this severity.</summary>
    public Severity OpenIncidentAt { get; set; } = Severity.Medium;

    /// <summary>
    /// How long after a host's compromise its steps to other hosts draw them in, and how long after a step the
    /// reached host's alerts join the incident. Event time, not arrival time.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A host reached the same way by this many other hosts is a shared server (a file server, a domain controller):
    /// a step to it that way is routine and draws it into no incident.
    /// </summary>
    public int SharedServerPeers { get; set; } = 10;

    /// <summary>Suspicions a host holds (one per host that reached it); the oldest leave first.</summary>
    public int HostSuspicionsKept { get; set; } = 50;

    /// <summary>Lateral steps an incident draws; past this it keeps the first ones and counts the rest.</summary>
    public int IncidentStepsKept { get; set; } = 500;

    /// <summary>Compromised hosts an account remembers having been seen on.</summary>
    public int UserExposuresKept { get; set; } = 20;

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

    /// <summary>Cloud sign-in sources (address and provider) a user account remembers; the least recent leave first.</summary>
    public int UserSignInsKept { get; set; } = 200;

    /// <summary>Alerts an incident keeps in full; past this it keeps the newest and counts the rest.</summary>
    public int IncidentAlertsKept { get; set; } = 500;

    /// <summary>Hosts and users an incident lists; past this they are counted only.</summary>
    public int IncidentEntitiesKept { get; set; } = 500;

    public int IncidentTimelineKept { get; set; } = 200;

    /// <summary>
    /// Incidents one shard of a tenant's queue holds (there are 16): past it, the least recently updated resolved and
    /// merged ones leave first, then the least recently updated of all. They stay readable by id.
    /// </summary>
    public int QueueShardIncidentsKept { get; set; } = 50_000;

    /// <summary>How long a resolved or merged incident stays in the queue after its last change.</summary>
    public TimeSpan QueueRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// How long a grain gathers changes before writing its state: writes follow active grains, not alerts, and storage
    /// takes a few hundred to a thousand writes a second on a small machine. Zero writes at once.
    /// What a crash loses of it the ingest journal replays, so it may be long; the journal's retention must outlast it
    /// plus the time to declare a silo dead.
    /// </summary>
    public TimeSpan StateWriteDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Written-behind states a silo sends storage at once; the rest wait their turn in the silo. Writes that must be
    /// stored before an answer (an analyst's action) do not wait for a turn.
    /// </summary>
    public int StateWritesAtOnce { get; set; } = 32;
}

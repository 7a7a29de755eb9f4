using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;

namespace Incidents.Grains.Hosts;

[GenerateSerializer, Alias("Incidents.HostState")]
public sealed record HostState
{
    [Id(0)] public DateTimeOffset? FirstSeen { get; set; }
    [Id(1)] public DateTimeOffset? LastSeen { get; set; }
    [Id(2)] public long AlertCount { get; set; }
    [Id(3)] public string? OpenIncidentId { get; set; }

    /// <summary>Newest last, at most <see cref="CorrelationOptions.HostRecentAlerts"/>.</summary>
    [Id(4)] public List<AlertSummary> RecentAlerts { get; set; } = [];

    /// <summary>Ids of the alerts and events seen, oldest first, at most <see cref="CorrelationOptions.HostSeenAlertKeys"/>.</summary>
    [Id(5)] public List<string> SeenAlertKeys { get; set; } = [];

    /// <summary>At most <see cref="CorrelationOptions.HostContactsKept"/>, least recently seen leaving first.</summary>
    [Id(6)] public List<HostContact> Contacts { get; set; } = [];

    /// <summary>At most <see cref="CorrelationOptions.HostLogonsKept"/>, least recently seen leaving first.</summary>
    [Id(7)] public List<HostLogon> Logons { get; set; } = [];

    [Id(8)] public long ContextEventCount { get; set; }

    /// <summary>
    /// The event time from which this host counts as compromised: its earliest alert in its open incident, or the
    /// step that drew it in, whichever is earlier. Null while it is in no incident.
    /// </summary>
    [Id(9)] public DateTimeOffset? CompromisedSince { get; set; }

    /// <summary>One per host (and per kind of evidence) that reached this one; at most <see cref="CorrelationOptions.HostSuspicionsKept"/>.</summary>
    [Id(10)] public List<HostSuspicion> Suspicions { get; set; } = [];

    /// <summary>Kept alerts already filed in an incident that has since closed, so that no new incident takes them again.</summary>
    [Id(11)] public List<string> FiledAlertIds { get; set; } = [];

    /// <summary>How many incidents this host opened that have closed since; names its next incident.</summary>
    [Id(12)] public int IncidentEpoch { get; set; }

    /// <summary>The resolved incident it left last, which the next one it opens names.</summary>
    [Id(13)] public string? ResolvedIncidentId { get; set; }

    /// <summary>Its alerts each suppression kept out of incidents, by suppression id; at most <see cref="SuppressionsCounted"/>.</summary>
    [Id(14)] public Dictionary<string, long> Suppressed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Its baseline: the hours each rule fired here (<see cref="Triage.HostBaseline"/>); at most <see cref="Triage.TriageOptions.HostRulesKept"/>.</summary>
    [Id(15)] public List<Triage.RuleHours> Rules { get; set; } = [];

    /// <summary>The host the inventory names this one (keyed by an address): calls go on to it.</summary>
    [Id(16)] public string? AliasOf { get; set; }

    /// <summary>Hosts known by an address that were shown to be this one and handed it what they knew; at most <see cref="AliasesKept"/>.</summary>
    [Id(17)] public List<string> Aliases { get; set; } = [];

    public const int AliasesKept = 16;

    public const int SuppressionsCounted = 1_000;
}

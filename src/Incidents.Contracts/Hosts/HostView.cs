using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;

namespace Incidents.Contracts.Hosts;

[GenerateSerializer, Immutable, Alias("Incidents.HostView")]
public sealed record HostView(
    [property: Id(0)] string Key,
    [property: Id(1)] bool Known,
    [property: Id(2)] DateTimeOffset? FirstSeen,
    [property: Id(3)] DateTimeOffset? LastSeen,
    [property: Id(4)] long AlertCount,
    [property: Id(5)] string? OpenIncidentId,
    [property: Id(6)] IReadOnlyList<AlertSummary> RecentAlerts,
    [property: Id(7)] IReadOnlyList<HostContact> Contacts,
    [property: Id(8)] IReadOnlyList<HostLogon> Logons,
    [property: Id(9)] DateTimeOffset? CompromisedSince,
    [property: Id(10)] int Risk,
    [property: Id(11)] IReadOnlyList<HostSuspicion> Suspicions)
{
    /// <summary>How many of its alerts each suppression kept out of incidents, by suppression id.</summary>
    [Id(12)] public IReadOnlyDictionary<string, long> Suppressed { get; init; } = new Dictionary<string, long>();

    /// <summary>The resolved incident it was in last, whose <c>follows</c> names the one before.</summary>
    [Id(13)] public string? PreviousIncidentId { get; init; }

    /// <summary>The keys (addresses) of hosts the inventory showed to be this one, whose knowledge it took in.</summary>
    [Id(14)] public IReadOnlyList<string> Aliases { get; init; } = [];
}

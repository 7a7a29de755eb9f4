using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Hosts;

/// <summary>
/// What a host known by its address hands the host the inventory names it (its alias): all it knew, so that nothing
/// either knew is lost, and the incident it is in.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.HostHandover")]
public sealed record HostHandover
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public DateTimeOffset? FirstSeen { get; init; }
    [Id(2)] public DateTimeOffset? LastSeen { get; init; }
    [Id(3)] public long AlertCount { get; init; }
    [Id(4)] public long ContextEventCount { get; init; }
    [Id(5)] public IReadOnlyList<AlertSummary> RecentAlerts { get; init; } = [];
    [Id(6)] public IReadOnlyList<string> SeenKeys { get; init; } = [];
    [Id(7)] public IReadOnlyList<HostContact> Contacts { get; init; } = [];
    [Id(8)] public IReadOnlyList<HostLogon> Logons { get; init; } = [];
    [Id(9)] public IReadOnlyList<HostSuspicion> Suspicions { get; init; } = [];
    [Id(10)] public string? OpenIncidentId { get; init; }
    [Id(11)] public DateTimeOffset? CompromisedSince { get; init; }
}

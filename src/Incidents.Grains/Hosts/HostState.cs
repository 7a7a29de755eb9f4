using Incidents.Contracts.Alerts;

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

    /// <summary>Oldest first, at most <see cref="CorrelationOptions.HostSeenAlertKeys"/>.</summary>
    [Id(5)] public List<string> SeenAlertKeys { get; set; } = [];
}

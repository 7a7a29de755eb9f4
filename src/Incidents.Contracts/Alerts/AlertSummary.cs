using Incidents.Contracts.Triage;

namespace Incidents.Contracts.Alerts;

/// <summary>
/// What grains keep of an alert: everything correlation needs, without the raw item,
/// so that alerts travel and rest compactly.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.AlertSummary")]
public sealed record AlertSummary
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Fingerprint { get; init; }
    [Id(2)] public required string Source { get; init; }
    [Id(3)] public string? SourceId { get; init; }
    [Id(4)] public required DateTimeOffset Time { get; init; }
    [Id(5)] public required string Title { get; init; }
    [Id(6)] public string? RuleId { get; init; }
    [Id(7)] public required Severity Severity { get; init; }
    [Id(8)] public string? Category { get; init; }
    [Id(9)] public string? Tactic { get; init; }
    [Id(10)] public string? Technique { get; init; }
    [Id(11)] public string? Protocol { get; init; }
    [Id(12)] public EndpointSummary? Src { get; init; }
    [Id(13)] public EndpointSummary? Dst { get; init; }
    [Id(14)] public string? User { get; init; }
    [Id(15)] public required IReadOnlyList<string> Hosts { get; init; }
    [Id(16)] public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>What an analyst pivots on (hashes, domains, URLs), as <c>kind:value</c>; at most <see cref="ObservablesKept"/>.</summary>
    [Id(17)] public IReadOnlyList<string> Observables { get; init; } = [];

    public const int ObservablesKept = 16;

    /// <summary>What triage decided of it, on its primary host, once (null on its other hosts, and on alerts kept before triage).</summary>
    [Id(18)] public AlertTriage? Triage { get; init; }

    /// <summary>A scan or discovery: filed on the scanning host (its primary host), and never a lateral step.</summary>
    [Id(19)] public bool Reconnaissance { get; init; }

    /// <summary>The drill that posted it (<c>POST /api/v1/drills</c>); set by the front door's drill endpoint, never from a client's alert.</summary>
    [Id(20)] public string? Drill { get; init; }

    /// <summary>The host whose grain decides which incident this alert joins.</summary>
    public string PrimaryHost => Hosts[0];
}

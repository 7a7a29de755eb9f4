namespace Incidents.Contracts.Triage;

/// <summary>
/// A tenant admin's rule that keeps matching alerts out of incidents: every field given must match (at least one is),
/// until it expires. It never hides a lateral-movement step.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.Suppression")]
public sealed record Suppression
{
    [Id(0)] public required string Id { get; init; }

    /// <summary>The tool's rule id (a Suricata signature id, an EDR rule), exactly.</summary>
    [Id(1)] public string? RuleId { get; init; }

    /// <summary>The title, in any case, where <c>*</c> stands for any text.</summary>
    [Id(2)] public string? Title { get; init; }

    /// <summary>The source address, or a network in CIDR form.</summary>
    [Id(3)] public string? Source { get; init; }

    /// <summary>The destination address, or a network in CIDR form.</summary>
    [Id(4)] public string? Destination { get; init; }

    /// <summary>A host key among the alert's hosts.</summary>
    [Id(5)] public string? Host { get; init; }

    [Id(6)] public string? User { get; init; }

    /// <summary>An observable as <c>kind:value</c> (<c>domain:cdn.example.net</c>).</summary>
    [Id(7)] public string? Observable { get; init; }

    [Id(8)] public required string Reason { get; init; }
    [Id(9)] public required string Author { get; init; }
    [Id(10)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(11)] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>True when the text is what <see cref="Source"/> and <see cref="Destination"/> take: an address or a CIDR network.</summary>
    public static bool IsAddressOrNetwork(string text) =>
        System.Net.IPAddress.TryParse(text, out _) || System.Net.IPNetwork.TryParse(text, out _);
}

using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Enrichment;

/// <summary>What an incident takes from its enrichment: what moves it in the queue, and what was covered.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.EnrichmentEffect")]
public sealed record EnrichmentEffect
{
    [Id(0)] public required EnrichmentCounts Covered { get; init; }

    /// <summary>The owner of its most critical host.</summary>
    [Id(1)] public string? Owner { get; init; }

    /// <summary>Its most critical host's criticality, 1–5.</summary>
    [Id(2)] public int? Criticality { get; init; }

    /// <summary>The severity its findings make it at least, and why.</summary>
    [Id(3)] public Severity? Raises { get; init; }

    [Id(4)] public string? RaisedBecause { get; init; }

    [Id(5)] public int IntelHits { get; init; }

    /// <summary>The network zone of its most critical host, from the inventory (routing may match it).</summary>
    [Id(6)] public string? Zone { get; init; }
}

using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Enrichment;

/// <summary>An incident's enrichment: each enricher's runs and what they found, newest last.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.EnrichmentView")]
public sealed record EnrichmentView
{
    public static readonly EnrichmentView Empty = new();

    /// <summary>The newest runs, oldest first.</summary>
    [Id(0)] public IReadOnlyList<EnricherRun> Runs { get; init; } = [];

    [Id(1)] public IReadOnlyList<EnrichmentFinding> Findings { get; init; } = [];

    /// <summary>When every enricher had first finished (in whatever way) on the incident's first entities.</summary>
    [Id(2)] public DateTimeOffset? FirstCompleteAt { get; init; }

    /// <summary>From the incident's opening to <see cref="FirstCompleteAt"/>.</summary>
    [Id(3)] public TimeSpan? TimeToEnrichment { get; init; }

    /// <summary>Hosts the incident's attacker can reach next that have raised no alert (see <see cref="BlastRadiusHost"/>).</summary>
    [Id(4)] public IReadOnlyList<BlastRadiusHost> BlastRadius { get; init; } = [];
}

[GenerateSerializer, Alias("Incidents.EnricherOutcome")]
public enum EnricherOutcome
{
    Succeeded = 0,
    TimedOut = 1,
    Failed = 2,
}

/// <summary>One run of one enricher on some of an incident's entities.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.EnricherRun")]
public sealed record EnricherRun(
    [property: Id(0)] string Enricher,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset FinishedAt,
    [property: Id(3)] EnricherOutcome Outcome,
    [property: Id(4)] int Entities,
    [property: Id(5)] int Found,
    [property: Id(6)] string? Error);

/// <summary>
/// One fact an enricher found about one entity: what (<see cref="Kind"/>, <see cref="Text"/>), when it was true
/// (<see cref="At"/>), and where it came from. The typed fields are those that move the incident.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.EnrichmentFinding")]
public sealed record EnrichmentFinding
{
    [Id(0)] public required string Enricher { get; init; }

    /// <summary>The host, account, address or observable it is about.</summary>
    [Id(1)] public required string Entity { get; init; }

    /// <summary>Such as <c>asset</c>, <c>intel</c>, <c>first-sign-in-from</c>, <c>earlier-incident</c>.</summary>
    [Id(2)] public required string Kind { get; init; }

    [Id(3)] public required string Text { get; init; }
    [Id(4)] public DateTimeOffset? At { get; init; }
    [Id(5)] public string? Source { get; init; }
    [Id(6)] public DateTimeOffset FoundAt { get; init; }

    /// <summary>What the finding makes the incident at least, and why (an intelligence hit, a crown jewel).</summary>
    [Id(7)] public Severity? Raises { get; init; }

    [Id(8)] public string? Owner { get; init; }

    /// <summary>1–5, for an asset.</summary>
    [Id(9)] public int? Criticality { get; init; }

    /// <summary>For a host of the blast radius: the host it was reached from, and how (<c>smb</c>, <c>logon</c>…).</summary>
    [Id(10)] public string? ReachedFrom { get; init; }

    [Id(11)] public string? Via { get; init; }

    /// <summary>An asset finding's network zone, from the inventory.</summary>
    [Id(12)] public string? Zone { get; init; }
}

/// <summary>
/// A host the incident's attacker can reach next and that has raised no alert: reached from a compromised host after
/// its compromise over a lateral protocol, or logged on to by an exposed account.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.BlastRadiusHost")]
public sealed record BlastRadiusHost(
    [property: Id(0)] string Host,
    [property: Id(1)] string ReachedFrom,
    [property: Id(2)] string How,
    [property: Id(3)] DateTimeOffset When,
    [property: Id(4)] string Evidence,
    [property: Id(5)] int? Criticality,
    [property: Id(6)] string? Owner);

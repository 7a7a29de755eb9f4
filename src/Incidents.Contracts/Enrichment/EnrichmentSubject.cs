namespace Incidents.Contracts.Enrichment;

/// <summary>What an incident asks to be enriched: its entities, each list first seen first.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.EnrichmentSubject")]
public sealed record EnrichmentSubject
{
    [Id(0)] public required DateTimeOffset OpenedAt { get; init; }
    [Id(1)] public IReadOnlyList<string> Hosts { get; init; } = [];
    [Id(2)] public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>Canonical addresses outside the estate.</summary>
    [Id(3)] public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>As alerts carry them: <c>domain:…</c>, <c>url:…</c>, <c>filehash:…</c>.</summary>
    [Id(4)] public IReadOnlyList<string> Observables { get; init; } = [];

    /// <summary>When the incident's first host counts as compromised: where blast radius starts.</summary>
    [Id(5)] public DateTimeOffset? CompromisedSince { get; init; }

    public EnrichmentCounts Counts => new(Hosts.Count, Users.Count, Addresses.Count, Observables.Count);
}

/// <summary>How many of each kind of entity: the incident's lists only grow, so counts say what was covered.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.EnrichmentCounts")]
public sealed record EnrichmentCounts(
    [property: Id(0)] int Hosts,
    [property: Id(1)] int Users,
    [property: Id(2)] int Addresses,
    [property: Id(3)] int Observables)
{
    public static readonly EnrichmentCounts None = new(0, 0, 0, 0);

    public bool Covers(EnrichmentCounts other) =>
        Hosts >= other.Hosts && Users >= other.Users && Addresses >= other.Addresses && Observables >= other.Observables;
}

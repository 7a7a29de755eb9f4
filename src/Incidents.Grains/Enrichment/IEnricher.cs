using Incidents.Contracts.Enrichment;

namespace Incidents.Grains.Enrichment;

/// <summary>
/// One source of context for incidents. Runs with a deadline (<see cref="EnrichmentOptions.EnricherTimeout"/>), in
/// parallel with the others; what it throws, or does not finish in time, is recorded as its run's outcome and holds
/// nothing else back. Registered as a silo singleton: it keeps no incident's state.
/// </summary>
public interface IEnricher
{
    /// <summary>Short, lower case: what the incident's <c>enrichment</c> section names it.</summary>
    string Name { get; }

    /// <summary>Whether anything in <paramref name="work"/>'s new entities is for it.</summary>
    bool Wants(EnrichmentWork work);

    Task<IReadOnlyList<EnrichmentFinding>> Enrich(EnrichmentWork work, CancellationToken cancellationToken);
}

/// <summary>
/// What an enricher is asked: the incident's entities (<see cref="Subject"/>) and those it has not yet covered
/// (<see cref="New"/>), at <see cref="Now"/>.
/// </summary>
public sealed record EnrichmentWork(string Tenant, string IncidentId, EnrichmentSubject Subject, EnrichmentSubject New, DateTimeOffset Now, bool Rehunt = false)
{
    /// <summary>A finding of <paramref name="enricher"/>, found now.</summary>
    public EnrichmentFinding Found(IEnricher enricher, string entity, string kind, string text, DateTimeOffset? at = null, string? source = null) =>
        new() { Enricher = enricher.Name, Entity = entity, Kind = kind, Text = text, At = at, Source = source, FoundAt = Now };
}

/// <summary>An enricher of indicators: run again on an incident's values when new intelligence names them (retro-hunt).</summary>
public interface IRehunting;

/// <summary>An enricher run again when a compromised host of the incident makes contact (blast radius).</summary>
public interface IFollowingContacts;

using Incidents.Contracts.Enrichment;

namespace Incidents.Grains.Enrichment;

[GenerateSerializer, Alias("Incidents.EnrichmentState")]
public sealed record EnrichmentState
{
    [Id(0)] public DateTimeOffset? OpenedAt { get; set; }

    /// <summary>How far into each of the incident's entity lists each enricher has run, by enricher.</summary>
    [Id(1)] public Dictionary<string, EnrichmentCounts> Covered { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Oldest first, at most <see cref="EnrichmentOptions.RunsKept"/>.</summary>
    [Id(2)] public List<EnricherRun> Runs { get; set; } = [];

    /// <summary>Oldest first, at most <see cref="EnrichmentOptions.FindingsKept"/>; one per enricher, entity, kind and text.</summary>
    [Id(3)] public List<EnrichmentFinding> Findings { get; set; } = [];

    [Id(4)] public DateTimeOffset? FirstCompleteAt { get; set; }

    /// <summary>The incident's entities as last told: blast radius is computed again from them as contacts arrive.</summary>
    [Id(5)] public EnrichmentSubject? Subject { get; set; }
}

using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Queue;

[GenerateSerializer, Alias("Incidents.IncidentIndexState")]
public sealed record IncidentIndexState
{
    /// <summary>By incident id; at most <see cref="CorrelationOptions.QueueShardIncidentsKept"/>.</summary>
    [Id(0)] public Dictionary<string, IncidentSummary> Incidents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last entry of the action journal this state holds: entries after it are applied on activation.</summary>
    [Id(1)] public long JournalThrough { get; set; }
}

/// <summary>
/// The summaries analysts' actions changed since the shard's state was last written: small, written before an action
/// is answered, so that the whole shard (megabytes at 100,000 incidents) can be written behind.
/// </summary>
[GenerateSerializer, Alias("Incidents.IncidentIndexJournal")]
public sealed record IncidentIndexJournal
{
    /// <summary>By incident id, the latest entry for each.</summary>
    [Id(0)] public Dictionary<string, JournalEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Immutable, Alias("Incidents.IncidentIndexJournal.Entry")]
public sealed record JournalEntry([property: Id(0)] long Sequence, [property: Id(1)] IncidentSummary Summary);

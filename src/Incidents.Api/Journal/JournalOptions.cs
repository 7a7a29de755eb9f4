namespace Incidents.Api.Journal;

/// <summary>How the ingest journal keeps accepted batches until the grains have surely stored what they made of them.</summary>
public sealed class JournalOptions
{
    public const string Section = "Incidents:Journal";

    /// <summary>The blob container; one block blob per accepted batch.</summary>
    public string Container { get; set; } = "journal";

    /// <summary>
    /// How long a delivered batch is kept. It must outlast a silo's death going unnoticed (membership declares a silo
    /// dead within about a minute) plus the grains' state write delay (30 s): within it, a lost silo's batches are replayed.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A batch another API instance wrote and left this long is that instance's orphan: any instance replays it.
    /// Longer than <see cref="Retention"/>, so that a live instance's kept batches are never taken for orphans.
    /// </summary>
    public TimeSpan OrphanAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A batch that could not be delivered (the cluster did not answer) is tried again after this long.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Batches an API instance takes at once; past it, 429 with Retry-After instead of an unbounded queue.</summary>
    public int MaxBatchesInFlight { get; set; } = 16;

    /// <summary>
    /// Of those, the most one tenant holds at once: a tenant flooding from many forwarders leaves the rest for the
    /// others, so that its flood costs them no 429s.
    /// </summary>
    public int MaxBatchesInFlightPerTenant { get; set; } = 6;
}

namespace Incidents.Contracts.Ingest;

/// <summary>
/// Takes a whole accepted batch into the cluster in one call and hands each host's part to its grain from inside:
/// one message from the front door per batch instead of one per host (a 1,000-alert batch names ~800 hosts).
/// A stateless worker, so every silo has its own; call it with key 0.
/// </summary>
[Alias("Incidents.IIngestGrain")]
public interface IIngestGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Hands each alert or event to the grain of every internal host it names, each event also to its account's grain
    /// (a cloud sign-in, which names no host, to its account's alone).
    /// A <paramref name="replay"/> from the journal also hands alerts seen before to their incidents again, which may have
    /// lost them with a silo. Answers how many items were new and how many seen before.
    /// </summary>
    [Alias("Deliver")]
    Task<IngestCounts> Deliver(IngestBatch batch, bool replay);
}

[GenerateSerializer, Immutable, Alias("Incidents.IngestCounts")]
public sealed record IngestCounts([property: Id(0)] int Accepted, [property: Id(1)] int Duplicates);

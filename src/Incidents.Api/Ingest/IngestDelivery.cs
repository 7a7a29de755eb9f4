using Incidents.Contracts.Ingest;

namespace Incidents.Api.Ingest;

/// <summary>Hands a batch to the cluster in one call; the silo that takes it delivers it to the hosts. For new batches and replays alike.</summary>
public sealed class IngestDelivery(IGrainFactory grains)
{
    /// <summary>
    /// Returns how many items were new and how many were seen before. A <paramref name="replay"/> from the journal
    /// also hands alerts seen before to their incidents again, which may have lost them with a silo.
    /// </summary>
    public async Task<(int Accepted, int Duplicates)> Deliver(IngestBatch batch, bool replay = false)
    {
        var counts = await grains.GetGrain<IIngestGrain>(0).Deliver(batch, replay);
        return (counts.Accepted, counts.Duplicates);
    }
}

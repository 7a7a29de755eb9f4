namespace Incidents.Api.Ingest;

/// <summary>One kind of posted item (alerts, context events): how it is normalised and where it goes.</summary>
public interface IBatchIntake<TFormat, TItem>
    where TFormat : struct, Enum
{
    (List<TItem> Items, List<RejectedItem> Rejected) Normalize(IReadOnlyList<ReadOnlyMemory<byte>> items, TFormat format);

    /// <summary>Stores the items; returns how many were new and how many were seen before.</summary>
    Task<(int Accepted, int Duplicates)> Store(string tenant, IReadOnlyList<TItem> items);

    /// <summary>The answer to <c>?dryRun=true</c>: the items as normalised, not stored.</summary>
    IngestResult DryRun(List<TItem> items, List<RejectedItem> rejected);
}

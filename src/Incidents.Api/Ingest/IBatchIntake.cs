using Incidents.Contracts.Ingest;

namespace Incidents.Api.Ingest;

/// <summary>One kind of posted item (alerts, context events): how it is normalised and what grains get of it.</summary>
public interface IBatchIntake<TFormat, TItem>
    where TFormat : struct, Enum
{
    /// <summary>What its items are called in metrics: <c>alert</c>, <c>event</c>.</summary>
    string Kind { get; }

    (List<TItem> Items, List<RejectedItem> Rejected) Normalize(IReadOnlyList<ReadOnlyMemory<byte>> items, TFormat format);

    /// <summary>The batch to journal and deliver: the items as grains keep them.</summary>
    IngestBatch Prepare(string tenant, IReadOnlyList<TItem> items);

    /// <summary>The answer to <c>?dryRun=true</c>: the items as normalised, not stored.</summary>
    IngestResult DryRun(List<TItem> items, List<RejectedItem> rejected);
}

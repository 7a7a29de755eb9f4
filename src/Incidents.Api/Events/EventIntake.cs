using Incidents.Alerts;
using Incidents.Api.Ingest;
using Incidents.Contracts.Context;
using Incidents.Contracts.Ingest;

namespace Incidents.Api.Events;

/// <summary>
/// The path of a batch of context events: normalise each item, then keep of each what host and account grains need.
/// Events never open incidents.
/// </summary>
public sealed class EventIntake(ContextEventNormalizer normalizer) : IBatchIntake<ContextEventFormat, ContextEvent>
{
    public string Kind => "event";

    public (List<ContextEvent> Items, List<RejectedItem> Rejected) Normalize(IReadOnlyList<ReadOnlyMemory<byte>> items, ContextEventFormat format) =>
        ItemNormalization.Each(items, json =>
        {
            var result = normalizer.Normalize(json, format);
            return (result.Event, result.Error);
        });

    public IngestResult DryRun(List<ContextEvent> items, List<RejectedItem> rejected) =>
        new(items.Count, 0, rejected) { Events = items[..Math.Min(items.Count, IngestResult.DryRunShown)], Shown = Math.Min(items.Count, IngestResult.DryRunShown) };

    public IngestBatch Prepare(string tenant, IReadOnlyList<ContextEvent> items) =>
        new(tenant, [], [.. items.Select(e => e.ToSummary())]);
}

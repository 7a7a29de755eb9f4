using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;

namespace Incidents.Contracts.Ingest;

/// <summary>
/// One accepted batch as the front door journals it and delivers it to the grains: the same record is replayed after
/// a crash, and delivering it twice changes nothing (alerts and events are counted once, by id).
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.IngestBatch")]
public sealed record IngestBatch(
    [property: Id(0)] string Tenant,
    [property: Id(1)] AlertSummary[] Alerts,
    [property: Id(2)] ContextSummary[] Events);

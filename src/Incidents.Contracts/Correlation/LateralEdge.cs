namespace Incidents.Contracts.Correlation;

/// <summary>
/// One step of lateral movement inside an incident: host <see cref="From"/> reached host <see cref="To"/>,
/// first at <see cref="FirstSeen"/> (event time), shown by the alerts and context events listed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.LateralEdge")]
public sealed record LateralEdge(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] DateTimeOffset FirstSeen,
    [property: Id(3)] string? Technique,
    [property: Id(4)] string Via,
    [property: Id(5)] IReadOnlyList<string> EvidenceAlertIds,
    [property: Id(6)] IReadOnlyList<string> EvidenceEventIds)
{
    /// <summary>How many evidence ids of each kind an edge keeps; the first ones, which show how it began.</summary>
    public const int EvidenceKept = 10;

    /// <summary>The same step seen again: the earliest time, the first technique, the evidence of both.</summary>
    public LateralEdge Fold(LateralEdge other) => this with
    {
        FirstSeen = FirstSeen <= other.FirstSeen ? FirstSeen : other.FirstSeen,
        Technique = FirstSeen <= other.FirstSeen ? Technique ?? other.Technique : other.Technique ?? Technique,
        EvidenceAlertIds = Union(EvidenceAlertIds, other.EvidenceAlertIds),
        EvidenceEventIds = Union(EvidenceEventIds, other.EvidenceEventIds),
    };

    private static IReadOnlyList<string> Union(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        b.All(a.Contains) ? a : [.. a.Concat(b).Distinct(StringComparer.Ordinal).Take(EvidenceKept)];
}

namespace Incidents.Contracts.Incidents;

/// <summary>
/// Something that happened to an incident, in the order it happened. An analyst's action names its
/// <see cref="Actor"/> and what it changed (<see cref="Before"/>, <see cref="After"/>); correlation's entries have none.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Text)
{
    [Id(3)] public string? Actor { get; init; }
    [Id(4)] public string? Before { get; init; }
    [Id(5)] public string? After { get; init; }
}

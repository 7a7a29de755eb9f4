namespace Incidents.Contracts.Incidents;

/// <summary>Something that happened to an incident, in the order it happened.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Text);

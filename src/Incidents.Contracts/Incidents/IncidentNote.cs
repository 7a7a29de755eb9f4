namespace Incidents.Contracts.Incidents;

/// <summary>An analyst's note: markdown, kept and shown as text.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentNote")]
public sealed record IncidentNote(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Text)
{
    /// <summary>The incident it was written on, when that one was merged into this.</summary>
    [Id(3)] public string? From { get; init; }

    public const int MaxLength = 8_000;
}

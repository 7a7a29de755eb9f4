namespace Incidents.Contracts.Incidents;

[GenerateSerializer, Alias("Incidents.ActionResult")]
public enum ActionResult
{
    /// <summary>Done and stored.</summary>
    Done = 0,

    /// <summary>It was so already (a repeat): nothing changed, nothing written.</summary>
    Unchanged = 1,

    NotFound = 2,

    /// <summary>The incident moved on since the version the analyst acted on.</summary>
    Stale = 3,

    /// <summary>Not a move its status allows; <see cref="ActionOutcome.Legal"/> lists those that are.</summary>
    Illegal = 4,

    /// <summary>The action itself is wrong (a resolve without a classification, an empty reason).</summary>
    Invalid = 5,

    /// <summary>It was merged into <see cref="ActionOutcome.MergedInto"/>: act on that one.</summary>
    Merged = 6,
}

/// <summary>What became of an action, with the incident's version and summary after it.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.ActionOutcome")]
public sealed record ActionOutcome(
    [property: Id(0)] ActionResult Result,
    [property: Id(1)] long Version,
    [property: Id(2)] string? Detail)
{
    [Id(3)] public IReadOnlyList<IncidentStatus> Legal { get; init; } = [];
    [Id(4)] public string? MergedInto { get; init; }
    [Id(5)] public IncidentSummary? Summary { get; init; }

    /// <summary>The timeline entry a done action made.</summary>
    [Id(6)] public TimelineEntry? Entry { get; init; }
}

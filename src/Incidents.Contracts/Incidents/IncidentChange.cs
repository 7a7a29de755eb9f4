namespace Incidents.Contracts.Incidents;

/// <summary>
/// One change to an incident, as the live feed tells it: what kind of change, and the incident's summary after it.
/// <see cref="Seq"/> numbers a shard's changes within its <see cref="FeedSlice.Epoch"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentChange")]
public sealed record IncidentChange(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Kind,
    [property: Id(2)] IncidentSummary Summary);

/// <summary>
/// A shard's changes after a position. <see cref="Reset"/>: the position is not in this shard's window (it restarted
/// since, or the position fell out of the window): the reader has missed changes and should read the queue again.
/// </summary>
/// <see cref="Last"/> is the newest change the shard has numbered: where a reader that starts now, or after a reset,
/// goes on from.
[GenerateSerializer, Immutable, Alias("Incidents.FeedSlice")]
public sealed record FeedSlice(
    [property: Id(0)] string Epoch,
    [property: Id(1)] IReadOnlyList<IncidentChange> Changes,
    [property: Id(2)] bool Reset,
    [property: Id(3)] long Last);

/// <summary>What kind of change the feed reports.</summary>
public static class ChangeKinds
{
    public const string Opened = "opened";
    public const string Grew = "grew";
    public const string Status = "status";
    public const string Assignee = "assignee";
    public const string Severity = "severity";
    public const string Merged = "merged";
    public const string Updated = "updated";

    /// <summary>The change that matters most between two summaries of the same incident (null before: it opened).</summary>
    public static string Of(IncidentSummary? before, IncidentSummary after) =>
        before is null ? Opened
        : after.Status == IncidentStatus.Merged && before.Status != IncidentStatus.Merged ? Merged
        : after.Status != before.Status ? Status
        : after.Assignee != before.Assignee || after.Team != before.Team ? Assignee
        : after.EffectiveSeverity != before.EffectiveSeverity ? Severity
        : after.AlertCount != before.AlertCount || after.HostCount != before.HostCount ? Grew
        : Updated;
}

using System.Text.Json.Serialization;
using Incidents.Alerts;

namespace Incidents.Api.Ingest;

/// <summary>What became of a batch: every item is accepted, a duplicate, or rejected with its reason.</summary>
public sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<RejectedItem> Rejected)
{
    /// <summary>A dry run shows this many normalised items at most (a 10,000-item batch would answer megabytes).</summary>
    public const int DryRunShown = 100;

    /// <summary>Only for <c>dryRun</c>: how many normalised items the answer shows (the first ones).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Shown { get; init; }

    /// <summary>Only for <c>dryRun</c> of alerts: the alerts as normalised, not stored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Alert>? Alerts { get; init; }

    /// <summary>Only for <c>dryRun</c> of context events: the events as normalised, not stored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ContextEvent>? Events { get; init; }
}

public sealed record RejectedItem(int Index, string Error);

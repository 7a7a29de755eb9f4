using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Incidents;

/// <summary>How the queue is sorted: each most recent (or most severe) first.</summary>
[GenerateSerializer, Alias("Incidents.IncidentSort")]
public enum IncidentSort
{
    Updated = 0,
    Created = 1,

    /// <summary>By the severity to work it by (the analyst's, else the tools'), then most recently updated.</summary>
    Severity = 2,
}

/// <summary>
/// A page of the queue: incidents matching every filter given, in <see cref="Sort"/> order, after <see cref="After"/>.
/// Filters left null match everything; <see cref="Statuses"/> empty means every status but merged.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentQuery")]
public sealed record IncidentQuery
{
    [Id(0)] public IReadOnlyList<IncidentStatus> Statuses { get; init; } = [];

    /// <summary>At least this severity (the one to work it by).</summary>
    [Id(1)] public Severity? MinSeverity { get; init; }

    [Id(2)] public string? Category { get; init; }

    /// <summary>A host key among the incident's listed hosts.</summary>
    [Id(3)] public string? Host { get; init; }

    [Id(4)] public string? User { get; init; }
    [Id(5)] public string? Assignee { get; init; }
    [Id(6)] public string? Team { get; init; }
    [Id(7)] public string? Tag { get; init; }

    /// <summary>Text in the title or the id, in any case.</summary>
    [Id(8)] public string? Text { get; init; }

    [Id(9)] public DateTimeOffset? CreatedFrom { get; init; }
    [Id(10)] public DateTimeOffset? CreatedTo { get; init; }
    [Id(11)] public DateTimeOffset? UpdatedFrom { get; init; }
    [Id(12)] public DateTimeOffset? UpdatedTo { get; init; }
    [Id(13)] public IncidentSort Sort { get; init; }
    [Id(14)] public int Limit { get; init; } = 50;

    /// <summary>The position of the previous page's last incident: this page starts after it.</summary>
    [Id(15)] public QueuePosition? After { get; init; }

    /// <summary>The owner of its most critical host, as the asset inventory names it.</summary>
    [Id(16)] public string? Owner { get; init; }

    /// <summary>At least this criticality (1–5) of its most critical host.</summary>
    [Id(17)] public int? MinCriticality { get; init; }

    /// <summary>Whether the incident passes every filter (not the position).</summary>
    public bool Matches(IncidentSummary incident) =>
        (Statuses.Count == 0 ? incident.Status != IncidentStatus.Merged : Statuses.Contains(incident.Status))
        && (MinSeverity is not { } severity || incident.EffectiveSeverity >= severity)
        && MatchesTexts(incident.Id, incident.Title, incident.Categories, incident.Hosts, incident.Users, incident.Tags)
        && (Assignee is not { } assignee || string.Equals(incident.Assignee, assignee, StringComparison.OrdinalIgnoreCase))
        && (Team is not { } team || string.Equals(incident.Team, team, StringComparison.OrdinalIgnoreCase))
        && (Owner is not { } owner || string.Equals(incident.Owner, owner, StringComparison.OrdinalIgnoreCase))
        && (MinCriticality is not { } criticality || incident.Criticality >= criticality)
        && (CreatedFrom is not { } createdFrom || incident.CreatedAt >= createdFrom)
        && (CreatedTo is not { } createdTo || incident.CreatedAt < createdTo)
        && (UpdatedFrom is not { } updatedFrom || incident.UpdatedAt >= updatedFrom)
        && (UpdatedTo is not { } updatedTo || incident.UpdatedAt < updatedTo);

    /// <summary>
    /// The filters on an incident's texts and lists (category, host, user, tag, text), from those values: a queue shard
    /// keeps them apart from the summary, so that a pass over thousands reads no summary.
    /// </summary>
    public bool MatchesTexts(
        string id, string title, IReadOnlyList<string> categories, IReadOnlyList<string> hosts, IReadOnlyList<string> users, IReadOnlyList<string> tags) =>
        (Category is not { } category || Holds(categories, category, StringComparison.OrdinalIgnoreCase))
        && (Host is not { } host || Holds(hosts, host, StringComparison.Ordinal))
        && (User is not { } user || Holds(users, user, StringComparison.OrdinalIgnoreCase))
        && (Tag is not { } tag || Holds(tags, tag, StringComparison.OrdinalIgnoreCase))
        && (Text is not { } text || title.Contains(text, StringComparison.OrdinalIgnoreCase) || id.StartsWith(text, StringComparison.OrdinalIgnoreCase));

    // A loop, not LINQ's Contains: a shard filters every summary it holds for each page, and that enumerator allocates.
    private static bool Holds(IReadOnlyList<string> values, string value, StringComparison comparison)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, comparison))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Where an incident stands in a sort: compared by <see cref="Primary"/>, then <see cref="Secondary"/> (greater first),
/// then <see cref="Id"/> (ordinal, smaller first), a total order, so that a page's end is exact however many share a time.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.QueuePosition")]
public sealed record QueuePosition(
    [property: Id(0)] IncidentSort Sort,
    [property: Id(1)] long Primary,
    [property: Id(2)] long Secondary,
    [property: Id(3)] string Id);

/// <summary>
/// One shard's answer: its first matching incidents after the position, whether more match after them, and how many
/// match in all.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.QueuePage")]
public sealed record QueuePage(
    [property: Id(0)] IReadOnlyList<IncidentSummary> Items,
    [property: Id(1)] int Total,
    [property: Id(2)] bool More = false);

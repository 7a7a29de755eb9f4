using Incidents.Contracts.Alerts;
using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Queue;

/// <summary>
/// A shard's summaries as one array of what filters and sorts read (in memory, rebuilt on activation): a page's pass
/// over thousands of incidents reads contiguous memory, and follows a reference only for a filter on texts or lists.
/// Scattered over a silo's heap, the summaries themselves cost a cache miss each: most of a page at 100,000 incidents.
/// </summary>
internal sealed class QueueRows
{
    private readonly Dictionary<string, int> _at = new(StringComparer.Ordinal);
    private QueueRow[] _rows = new QueueRow[16];
    private int _count;

    public ReadOnlySpan<QueueRow> All => _rows.AsSpan(0, _count);

    public void Set(IncidentSummary incident)
    {
        if (_at.TryGetValue(incident.Id, out var at))
        {
            _rows[at] = new QueueRow(incident);
            return;
        }

        if (_count == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        _rows[_count] = new QueueRow(incident);
        _at[incident.Id] = _count++;
    }

    public void Remove(string id)
    {
        if (!_at.Remove(id, out var at))
        {
            return;
        }

        var last = --_count;
        if (at != last)
        {
            _rows[at] = _rows[last];
            _at[_rows[at].Id] = at;
        }

        _rows[last] = default;
    }
}

/// <summary>One incident as the queue's pass reads it: the values filters and sorts compare, and its summary.</summary>
internal readonly struct QueueRow(IncidentSummary incident)
{
    public readonly long Updated = incident.UpdatedAt.UtcTicks;
    public readonly long Created = incident.CreatedAt.UtcTicks;
    public readonly string Id = incident.Id;
    public readonly string? Assignee = incident.Assignee;
    public readonly string? Team = incident.Team;
    public readonly IncidentSummary Incident = incident;
    public readonly string Title = incident.Title;
    public readonly IReadOnlyList<string> Categories = incident.Categories;
    public readonly IReadOnlyList<string> Hosts = incident.Hosts;
    public readonly IReadOnlyList<string> Users = incident.Users;
    public readonly IReadOnlyList<string> Tags = incident.Tags;
    public readonly IncidentStatus Status = incident.Status;
    public readonly Severity Severity = incident.EffectiveSeverity;

    public (long Primary, long Secondary) Keys(IncidentSort sort) => QueueOrder.Keys(Updated, Created, Severity, sort);
}

/// <summary>
/// An <see cref="IncidentQuery"/>'s filters made ready for the pass over rows; the same as
/// <see cref="IncidentQuery.Matches"/> of the summary (its texts and lists by <see cref="IncidentQuery.MatchesTexts"/>).
/// </summary>
internal readonly struct RowFilter
{
    private readonly IncidentQuery _query;
    private readonly uint _statuses;
    private readonly Severity _minSeverity;
    private readonly long _createdFrom, _createdTo, _updatedFrom, _updatedTo;
    private readonly bool _readsTexts;

    public RowFilter(IncidentQuery query)
    {
        _query = query;
        _statuses = query.Statuses.Count == 0
            ? ~(1u << (int)IncidentStatus.Merged)
            : query.Statuses.Aggregate(0u, (mask, status) => mask | (1u << (int)status));
        _minSeverity = query.MinSeverity ?? (Severity)int.MinValue;
        _createdFrom = query.CreatedFrom?.UtcTicks ?? long.MinValue;
        _createdTo = query.CreatedTo?.UtcTicks ?? long.MaxValue;
        _updatedFrom = query.UpdatedFrom?.UtcTicks ?? long.MinValue;
        _updatedTo = query.UpdatedTo?.UtcTicks ?? long.MaxValue;
        _readsTexts = query.Category is not null || query.Host is not null || query.User is not null
            || query.Tag is not null || query.Text is not null;
    }

    public bool Matches(in QueueRow row) =>
        (_statuses & (1u << (int)row.Status)) != 0
        && row.Severity >= _minSeverity
        && row.Created >= _createdFrom && row.Created < _createdTo
        && row.Updated >= _updatedFrom && row.Updated < _updatedTo
        && (_query.Assignee is not { } assignee || string.Equals(row.Assignee, assignee, StringComparison.OrdinalIgnoreCase))
        && (_query.Team is not { } team || string.Equals(row.Team, team, StringComparison.OrdinalIgnoreCase))
        && (_query.Owner is not { } owner || string.Equals(row.Incident.Owner, owner, StringComparison.OrdinalIgnoreCase))
        && (_query.MinCriticality is not { } criticality || row.Incident.Criticality >= criticality)
        && (!_readsTexts || _query.MatchesTexts(row.Id, row.Title, row.Categories, row.Hosts, row.Users, row.Tags));
}

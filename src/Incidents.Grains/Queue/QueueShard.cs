using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Queue;

/// <summary>
/// The rules of one shard of a tenant's queue, without messaging or storage: which summary is newest, what a query
/// matches and where its page starts, what leaves when the shard is full or an incident has long been closed.
/// The summaries are kept in each sort's order as well (in memory, rebuilt on activation), so that a page is the first
/// matches from its cursor on, never a sort or a heap of thousands.
/// </summary>
public sealed class QueueShard
{
    private static readonly IncidentSort[] Sorts = [IncidentSort.Updated, IncidentSort.Created, IncidentSort.Severity];

    private readonly IncidentIndexState _state;
    private readonly CorrelationOptions _options;
    private readonly SortedSet<Ranked>[] _orders;

    public QueueShard(IncidentIndexState state, CorrelationOptions options)
    {
        _state = state;
        _options = options;
        _orders = [.. Sorts.Select(sort => new SortedSet<Ranked>(state.Incidents.Values.Select(i => Ranked.Of(i, sort)), Ranked.Order))];
    }

    private Dictionary<string, IncidentSummary> Incidents => _state.Incidents;

    /// <summary>
    /// Takes the summary when it is newer than the one held (by its update time, then its version: every change moves
    /// one of them); true when it did.
    /// </summary>
    public bool Put(IncidentSummary summary, DateTimeOffset now) => Put(summary, now, out _);

    /// <summary>As <see cref="Put(IncidentSummary, DateTimeOffset)"/>, saying what kind of change it was (<see cref="ChangeKinds"/>).</summary>
    public bool Put(IncidentSummary summary, DateTimeOffset now, out string kind)
    {
        var known = Incidents.GetValueOrDefault(summary.Id);
        kind = ChangeKinds.Of(known, summary);
        if (known is not null && (known.UpdatedAt, known.Version).CompareTo((summary.UpdatedAt, summary.Version)) >= 0)
        {
            return false;
        }

        if (known is not null)
        {
            Unrank(known);
        }

        Incidents[summary.Id] = summary;
        for (var i = 0; i < Sorts.Length; i++)
        {
            _orders[i].Add(Ranked.Of(summary, Sorts[i]));
        }

        if (Incidents.Count > _options.QueueShardIncidentsKept)
        {
            Evict(now);
        }

        return true;
    }

    /// <summary>
    /// The first <c>limit</c> matching incidents after the cursor, whether more match after them, and how many match in
    /// all: one walk of the sort's order, so a page is its first matches and the count costs a filter of each.
    /// </summary>
    public QueuePage Query(IncidentQuery query)
    {
        var after = query.After;
        var past = after is null;
        var items = new List<IncidentSummary>(Math.Clamp(query.Limit, 0, 64));
        var total = 0;
        var more = false;
        foreach (var ranked in OrderOf(query.Sort))
        {
            if (!query.Matches(ranked.Incident))
            {
                continue;
            }

            total++;
            if (!past && QueueOrder.Compare(ranked.Primary, ranked.Secondary, ranked.Incident.Id, after!.Primary, after.Secondary, after.Id) <= 0)
            {
                continue;
            }

            past = true;
            if (items.Count < query.Limit)
            {
                items.Add(ranked.Incident);
            }
            else
            {
                more = true;
            }
        }

        return new QueuePage(items, total, more);
    }

    /// <summary>
    /// A tenth at a time, so that a full shard does not sort on every update: resolved and merged incidents past the
    /// retention, then the least recently updated closed ones, then the least recently updated of all.
    /// </summary>
    private void Evict(DateTimeOffset now)
    {
        var excess = Incidents.Count - _options.QueueShardIncidentsKept + Math.Max(1, _options.QueueShardIncidentsKept / 10);
        var leaving = Incidents.Values
            .OrderBy(i => IsClosed(i) && now - i.UpdatedAt > _options.QueueRetention ? 0 : IsClosed(i) ? 1 : 2)
            .ThenBy(i => i.UpdatedAt)
            .Take(excess)
            .Select(i => i.Id)
            .ToList();
        foreach (var id in leaving)
        {
            Remove(id);
        }
    }

    /// <summary>Drops resolved and merged incidents past the retention; returns how many left.</summary>
    public int Expire(DateTimeOffset now)
    {
        var expired = Incidents.Values.Where(i => IsClosed(i) && now - i.UpdatedAt > _options.QueueRetention).Select(i => i.Id).ToList();
        foreach (var id in expired)
        {
            Remove(id);
        }

        return expired.Count;
    }

    private SortedSet<Ranked> OrderOf(IncidentSort sort) => _orders[Math.Max(0, Array.IndexOf(Sorts, sort))];

    private void Remove(string id)
    {
        if (Incidents.Remove(id, out var incident))
        {
            Unrank(incident);
        }
    }

    private void Unrank(IncidentSummary incident)
    {
        for (var i = 0; i < Sorts.Length; i++)
        {
            _orders[i].Remove(Ranked.Of(incident, Sorts[i]));
        }
    }

    private static bool IsClosed(IncidentSummary incident) => incident.Status is IncidentStatus.Resolved or IncidentStatus.Merged;

    /// <summary>An incident's place in one sort; its keys are taken once, so a walk reads no summary to order it.</summary>
    private readonly record struct Ranked(long Primary, long Secondary, IncidentSummary Incident)
    {
        public static readonly IComparer<Ranked> Order = Comparer<Ranked>.Create(
            (a, b) => QueueOrder.Compare(a.Primary, a.Secondary, a.Incident.Id, b.Primary, b.Secondary, b.Incident.Id));

        public static Ranked Of(IncidentSummary incident, IncidentSort sort)
        {
            var (primary, secondary) = QueueOrder.Keys(incident, sort);
            return new(primary, secondary, incident);
        }
    }
}

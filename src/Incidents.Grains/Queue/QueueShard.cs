using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Queue;

/// <summary>
/// The rules of one shard of a tenant's queue, without messaging or storage: which summary is newest, what a query
/// matches and where its page starts, what leaves when the shard is full or an incident has long been closed.
/// </summary>
public sealed class QueueShard
{
    private readonly IncidentIndexState _state;
    private readonly CorrelationOptions _options;
    private readonly QueueRows _rows = new();

    public QueueShard(IncidentIndexState state, CorrelationOptions options)
    {
        _state = state;
        _options = options;
        foreach (var incident in state.Incidents.Values)
        {
            _rows.Set(incident);
        }
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

        Incidents[summary.Id] = summary;
        _rows.Set(summary);

        if (Incidents.Count > _options.QueueShardIncidentsKept)
        {
            Evict(now);
        }

        return true;
    }

    /// <summary>
    /// The first <c>limit</c> matching incidents after the cursor, whether more match after them, and how many match in
    /// all: one pass over the rows (<see cref="QueueRows"/>), keeping the page in a heap whose head is its last incident,
    /// so a page of 50 from 6,250 costs no sort of them all. The pass runs newest row first, so that in the usual sorts
    /// few rows displace the heap's head.
    /// </summary>
    public QueuePage Query(IncidentQuery query)
    {
        var sort = query.Sort;
        var filter = new RowFilter(query);
        var after = query.After;
        var limit = Math.Max(0, query.Limit);
        var page = new PriorityQueue<QueueRow, QueueRow>(Math.Max(1, Math.Min(limit, 64)), Comparer<QueueRow>.Create((a, b) => Compare(b, a, sort)));
        var total = 0;
        var more = false;
        var rows = _rows.All;
        for (var i = rows.Length - 1; i >= 0; i--)
        {
            ref readonly var row = ref rows[i];
            if (!filter.Matches(row))
            {
                continue;
            }

            total++;
            if (after is not null)
            {
                var (primary, secondary) = row.Keys(sort);
                if (!QueueOrder.IsAfter(primary, secondary, row.Id, after))
                {
                    continue;
                }
            }

            if (page.Count < limit)
            {
                page.Enqueue(row, row);
            }
            else
            {
                more = true;
                if (limit > 0 && Compare(row, page.Peek(), sort) < 0)
                {
                    page.DequeueEnqueue(row, row);
                }
            }
        }

        var items = new IncidentSummary[page.Count];
        for (var i = items.Length - 1; i >= 0; i--)
        {
            items[i] = page.Dequeue().Incident;
        }

        return new QueuePage(items, total, more);
    }

    private static int Compare(in QueueRow a, in QueueRow b, IncidentSort sort)
    {
        var (ap, @as) = a.Keys(sort);
        var (bp, bs) = b.Keys(sort);
        return QueueOrder.Compare(ap, @as, a.Id, bp, bs, b.Id);
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

    private void Remove(string id)
    {
        if (Incidents.Remove(id))
        {
            _rows.Remove(id);
        }
    }

    private static bool IsClosed(IncidentSummary incident) => incident.Status is IncidentStatus.Resolved or IncidentStatus.Merged;
}

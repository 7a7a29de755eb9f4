using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Queue;

/// <summary>
/// The rules of one shard of a tenant's queue, without messaging or storage: which summary is newest, what a query
/// matches and where its page starts, what leaves when the shard is full or an incident has long been closed.
/// </summary>
public sealed class QueueShard(IncidentIndexState state, CorrelationOptions options)
{
    private Dictionary<string, IncidentSummary> Incidents => state.Incidents;

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
        if (Incidents.Count > options.QueueShardIncidentsKept)
        {
            Evict(now);
        }

        return true;
    }

    /// <summary>
    /// The first <c>limit</c> matching incidents after the cursor, and how many match: one pass, keeping the page in a
    /// heap whose head is its last incident, so a page of 50 from 6,250 costs no sort of them all.
    /// </summary>
    public QueuePage Query(IncidentQuery query)
    {
        var sort = query.Sort;
        var page = new PriorityQueue<IncidentSummary, IncidentSummary>(
            Math.Max(1, query.Limit), Comparer<IncidentSummary>.Create((a, b) => QueueOrder.Compare(b, a, sort)));
        var total = 0;
        foreach (var incident in Incidents.Values)
        {
            if (!query.Matches(incident))
            {
                continue;
            }

            total++;
            if (query.Limit <= 0 || (query.After is { } after && !QueueOrder.IsAfter(incident, after, sort)))
            {
                continue;
            }

            if (page.Count < query.Limit)
            {
                page.Enqueue(incident, incident);
            }
            else if (QueueOrder.Compare(incident, page.Peek(), sort) < 0)
            {
                page.DequeueEnqueue(incident, incident);
            }
        }

        var items = new IncidentSummary[page.Count];
        for (var i = items.Length - 1; i >= 0; i--)
        {
            items[i] = page.Dequeue();
        }

        return new QueuePage(items, total);
    }

    /// <summary>
    /// A tenth at a time, so that a full shard does not sort on every update: resolved and merged incidents past the
    /// retention, then the least recently updated closed ones, then the least recently updated of all.
    /// </summary>
    private void Evict(DateTimeOffset now)
    {
        var excess = Incidents.Count - options.QueueShardIncidentsKept + Math.Max(1, options.QueueShardIncidentsKept / 10);
        var leaving = Incidents.Values
            .OrderBy(i => IsClosed(i) && now - i.UpdatedAt > options.QueueRetention ? 0 : IsClosed(i) ? 1 : 2)
            .ThenBy(i => i.UpdatedAt)
            .Take(excess)
            .Select(i => i.Id)
            .ToList();
        foreach (var id in leaving)
        {
            Incidents.Remove(id);
        }
    }

    /// <summary>Drops resolved and merged incidents past the retention; returns how many left.</summary>
    public int Expire(DateTimeOffset now)
    {
        var expired = Incidents.Values.Where(i => IsClosed(i) && now - i.UpdatedAt > options.QueueRetention).Select(i => i.Id).ToList();
        foreach (var id in expired)
        {
            Incidents.Remove(id);
        }

        return expired.Count;
    }

    private static bool IsClosed(IncidentSummary incident) => incident.Status is IncidentStatus.Resolved or IncidentStatus.Merged;
}

using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Incidents;

/// <summary>The queue's order, one definition for the shards that sort and the API that merges their pages.</summary>
public static class QueueOrder
{
    public static QueuePosition Position(IncidentSummary incident, IncidentSort sort)
    {
        var (primary, secondary) = Keys(incident, sort);
        return new(sort is IncidentSort.Created or IncidentSort.Severity ? sort : IncidentSort.Updated, primary, secondary, incident.Id);
    }

    /// <summary>Negative when <paramref name="a"/> comes first.</summary>
    public static int Compare(QueuePosition a, QueuePosition b) =>
        Compare(a.Primary, a.Secondary, a.Id, b.Primary, b.Secondary, b.Id);

    /// <summary>Negative when <paramref name="a"/> comes first in the sort; allocates nothing (a page sorts thousands).</summary>
    public static int Compare(IncidentSummary a, IncidentSummary b, IncidentSort sort)
    {
        var (ap, @as) = Keys(a, sort);
        var (bp, bs) = Keys(b, sort);
        return Compare(ap, @as, a.Id, bp, bs, b.Id);
    }

    /// <summary>True when the incident comes after the position in the sort.</summary>
    public static bool IsAfter(IncidentSummary incident, QueuePosition position, IncidentSort sort)
    {
        var (primary, secondary) = Keys(incident, sort);
        return IsAfter(primary, secondary, incident.Id, position);
    }

    /// <summary>The same from an incident's keys (<see cref="Keys(long, long, Severity, IncidentSort)"/>) and id.</summary>
    public static bool IsAfter(long primary, long secondary, string id, QueuePosition position) =>
        Compare(primary, secondary, id, position.Primary, position.Secondary, position.Id) > 0;

    public static IComparer<IncidentSummary> Comparer(IncidentSort sort) =>
        Comparer<IncidentSummary>.Create((a, b) => Compare(a, b, sort));

    /// <summary>What an incident is sorted by, before its id: greater comes first.</summary>
    public static (long Primary, long Secondary) Keys(IncidentSummary incident, IncidentSort sort) =>
        Keys(incident.UpdatedAt.UtcTicks, incident.CreatedAt.UtcTicks, incident.EffectiveSeverity, sort);

    /// <summary>The same from the values it is made of, for a shard that keeps them apart from the summary.</summary>
    public static (long Primary, long Secondary) Keys(long updatedTicks, long createdTicks, Severity effectiveSeverity, IncidentSort sort) => sort switch
    {
        IncidentSort.Created => (createdTicks, 0),
        IncidentSort.Severity => ((long)effectiveSeverity, updatedTicks),
        _ => (updatedTicks, 0),
    };

    /// <summary>Negative when the first keys come first: greater keys first, then the smaller id (ordinal).</summary>
    public static int Compare(long aPrimary, long aSecondary, string aId, long bPrimary, long bSecondary, string bId)
    {
        var primary = bPrimary.CompareTo(aPrimary);
        if (primary != 0)
        {
            return primary;
        }

        var secondary = bSecondary.CompareTo(aSecondary);
        return secondary != 0 ? secondary : string.CompareOrdinal(aId, bId);
    }
}

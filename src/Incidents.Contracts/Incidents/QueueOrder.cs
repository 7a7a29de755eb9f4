namespace Incidents.Contracts.Incidents;

/// <summary>The queue's order, one definition for the shards that sort and the API that merges their pages.</summary>
public static class QueueOrder
{
    public static QueuePosition Position(IncidentSummary incident, IncidentSort sort) => sort switch
    {
        IncidentSort.Created => new(sort, incident.CreatedAt.UtcTicks, 0, incident.Id),
        IncidentSort.Severity => new(sort, (long)incident.EffectiveSeverity, incident.UpdatedAt.UtcTicks, incident.Id),
        _ => new(IncidentSort.Updated, incident.UpdatedAt.UtcTicks, 0, incident.Id),
    };

    /// <summary>Negative when <paramref name="a"/> comes first.</summary>
    public static int Compare(QueuePosition a, QueuePosition b)
    {
        var primary = b.Primary.CompareTo(a.Primary);
        if (primary != 0)
        {
            return primary;
        }

        var secondary = b.Secondary.CompareTo(a.Secondary);
        return secondary != 0 ? secondary : string.CompareOrdinal(a.Id, b.Id);
    }

    public static IComparer<IncidentSummary> Comparer(IncidentSort sort) =>
        Comparer<IncidentSummary>.Create((a, b) => Compare(Position(a, sort), Position(b, sort)));
}

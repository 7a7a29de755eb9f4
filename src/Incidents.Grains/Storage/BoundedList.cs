namespace Incidents.Grains.Storage;

internal static class BoundedList
{
    /// <summary>Drops the oldest items (the front) past <paramref name="capacity"/>.</summary>
    public static void TrimToNewest<T>(this List<T> list, int capacity)
    {
        if (list.Count > capacity)
        {
            list.RemoveRange(0, list.Count - capacity);
        }
    }

    /// <summary>
    /// Folds an observation into the entry <paramref name="matches"/> finds (or a new one), keeping at most
    /// <paramref name="capacity"/> entries: past it, the least recently seen leaves.
    /// </summary>
    public static void Fold<T>(this List<T> list, Predicate<T> matches, Func<T?, T> fold, Func<T, DateTimeOffset> lastSeen, int capacity)
        where T : class
    {
        var index = list.FindIndex(matches);
        if (index >= 0)
        {
            list[index] = fold(list[index]);
            return;
        }

        list.Add(fold(null));
        if (list.Count > capacity)
        {
            var oldest = 0;
            for (var i = 1; i < list.Count; i++)
            {
                if (lastSeen(list[i]) < lastSeen(list[oldest]))
                {
                    oldest = i;
                }
            }

            list.RemoveAt(oldest);
        }
    }
}

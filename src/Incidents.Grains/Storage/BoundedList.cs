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
}

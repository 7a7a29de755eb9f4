namespace Incidents.Api.Ingest;

internal static class ItemNormalization
{
    /// <summary>Normalises every item; each that fails is rejected with its index and reason, and costs no other.</summary>
    public static (List<T> Items, List<RejectedItem> Rejected) Each<T>(
        IReadOnlyList<ReadOnlyMemory<byte>> items, Func<ReadOnlySpan<byte>, (T? Item, string? Error)> normalize)
        where T : class
    {
        var normalized = new List<T>(items.Count);
        var rejected = new List<RejectedItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var (item, error) = normalize(items[i].Span);
            if (item is not null)
            {
                normalized.Add(item);
            }
            else
            {
                rejected.Add(new RejectedItem(i, error ?? "rejected"));
            }
        }

        return (normalized, rejected);
    }
}

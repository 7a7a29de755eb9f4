namespace Incidents.Grains.Response;

/// <summary>
/// Durations in a compact log-scale histogram: bucket <c>i</c> holds times in (γ^(i-1), γ^i] milliseconds, γ = 1.04,
/// from 1 ms to 30 days (555 buckets), stored sparsely (only buckets with counts). A percentile is its bucket's
/// geometric middle, so it is within <see cref="RelativeError"/> (±1.96%) of the exact nearest-rank sample; times under
/// 1 ms count as 1 ms, times past 30 days as 30 days (the maximum is kept exact). Histograms merge by adding buckets.
/// </summary>
[GenerateSerializer, Alias("Incidents.ResponseHistogram")]
public sealed class ResponseHistogram
{
    public const double Growth = 1.04;

    /// <summary>(γ-1)/(γ+1): how far a reported percentile may be from the exact one, relative to it.</summary>
    public const double RelativeError = (Growth - 1) / (Growth + 1);

    private static readonly double LogGrowth = Math.Log(Growth);

    public static readonly int LastBucket = (int)Math.Ceiling(Math.Log(TimeSpan.FromDays(30).TotalMilliseconds) / LogGrowth);

    /// <summary>Count by bucket index; absent buckets are empty.</summary>
    [Id(0)] public Dictionary<int, long> Buckets { get; set; } = [];

    [Id(1)] public long Count { get; set; }

    /// <summary>The largest time added, exact, in milliseconds.</summary>
    [Id(2)] public double MaxMilliseconds { get; set; }

    public void Add(TimeSpan took)
    {
        var ms = Math.Max(0, took.TotalMilliseconds);
        var bucket = Bucket(ms);
        Buckets[bucket] = Buckets.GetValueOrDefault(bucket) + 1;
        Count++;
        MaxMilliseconds = Math.Max(MaxMilliseconds, ms);
    }

    public void Merge(ResponseHistogram other)
    {
        foreach (var (bucket, count) in other.Buckets)
        {
            Buckets[bucket] = Buckets.GetValueOrDefault(bucket) + count;
        }

        Count += other.Count;
        MaxMilliseconds = Math.Max(MaxMilliseconds, other.MaxMilliseconds);
    }

    /// <summary>Nearest rank, to the bucket's width: null with no samples; never above the exact maximum.</summary>
    public double? Percentile(double share)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Clamp((long)Math.Ceiling(share * Count), 1, Count);
        long seen = 0;
        foreach (var bucket in Buckets.Keys.Order())
        {
            seen += Buckets[bucket];
            if (seen >= rank)
            {
                return Math.Min(Middle(bucket), MaxMilliseconds);
            }
        }

        return MaxMilliseconds;
    }

    public static int Bucket(double milliseconds) =>
        milliseconds <= 1 ? 0 : Math.Clamp((int)Math.Ceiling(Math.Log(milliseconds) / LogGrowth), 1, LastBucket);

    /// <summary>The value with the same relative distance to both ends of the bucket: 2γ^i/(γ+1).</summary>
    public static double Middle(int bucket) => bucket == 0 ? 1 : 2 * Math.Pow(Growth, bucket) / (Growth + 1);
}

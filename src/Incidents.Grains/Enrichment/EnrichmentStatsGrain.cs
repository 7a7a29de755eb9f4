using Incidents.Contracts.Enrichment;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Enrichment;

/// <summary>
/// A tenant's enrichment figures (<see cref="IEnrichmentStatsGrain"/>): the newest time-to-enrichment samples, exact
/// percentiles over them, and run counts by enricher and outcome. Written behind: figures, not records.
/// </summary>
public sealed class EnrichmentStatsGrain(
    [PersistentState("enrichment-stats", StorageNames.Incidents)] IPersistentState<EnrichmentStatsState> state)
    : WriteBehindGrain<EnrichmentStatsState>(state, TimeSpan.FromSeconds(10)), IEnrichmentStatsGrain
{
    public Task Record(EnrichmentSample sample)
    {
        if (sample.TimeToEnrichment is { } took)
        {
            State.Incidents++;
            State.Samples.Add(took.TotalMilliseconds);
            if (State.Samples.Count > EnrichmentStats.SamplesKept)
            {
                State.Samples.RemoveRange(0, State.Samples.Count - EnrichmentStats.SamplesKept);
            }
        }

        foreach (var run in sample.Runs)
        {
            var key = $"{run.Enricher}/{Outcome(run.Outcome)}";
            State.Runs[key] = State.Runs.GetValueOrDefault(key) + 1;
            State.RunMilliseconds[run.Enricher] = State.RunMilliseconds.GetValueOrDefault(run.Enricher) + (run.FinishedAt - run.StartedAt).TotalMilliseconds;
        }

        return StateChanged();
    }

    public Task<EnrichmentStatsView> GetView()
    {
        var sorted = State.Samples.Order().ToArray();
        var runs = State.Runs.GroupBy(r => r.Key[..r.Key.LastIndexOf('/')], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, long>)g.ToDictionary(r => r.Key[(r.Key.LastIndexOf('/') + 1)..], r => r.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        return Task.FromResult(new EnrichmentStatsView
        {
            Incidents = State.Incidents,
            Sampled = sorted.Length,
            P50Milliseconds = Percentile(sorted, 0.50),
            P90Milliseconds = Percentile(sorted, 0.90),
            P99Milliseconds = Percentile(sorted, 0.99),
            MaxMilliseconds = sorted.Length > 0 ? sorted[^1] : null,
            Runs = runs,
            MeanRunMilliseconds = runs.ToDictionary(r => r.Key, r => State.RunMilliseconds.GetValueOrDefault(r.Key) / Math.Max(1, r.Value.Values.Sum()), StringComparer.Ordinal),
        });
    }

    public static string Outcome(EnricherOutcome outcome) => outcome switch
    {
        EnricherOutcome.Succeeded => "succeeded",
        EnricherOutcome.TimedOut => "timedOut",
        _ => "failed",
    };

    /// <summary>Nearest rank: the smallest sample with at least that share of the samples at or below it.</summary>
    private static double? Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}

[GenerateSerializer, Alias("Incidents.EnrichmentStatsState")]
public sealed record EnrichmentStatsState
{
    [Id(0)] public long Incidents { get; set; }

    /// <summary>Oldest first, at most <see cref="EnrichmentStats.SamplesKept"/>, in milliseconds.</summary>
    [Id(1)] public List<double> Samples { get; set; } = [];

    /// <summary>By <c>{enricher}/{outcome}</c>.</summary>
    [Id(2)] public Dictionary<string, long> Runs { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public Dictionary<string, double> RunMilliseconds { get; set; } = new(StringComparer.Ordinal);
}

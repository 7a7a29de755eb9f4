using Incidents.Contracts.Response;
using Incidents.Grains.Response;

namespace Incidents.Grains.Tests.Response;

/// <summary>The response figures as plain rules: percentiles within the histogram's documented error, days and teams, once per incident, bounded.</summary>
public sealed class ResponseAggregateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);

    private readonly ResponseStatsState _state = new();
    private readonly ResponseAggregate _aggregate;

    public ResponseAggregateTests() => _aggregate = new ResponseAggregate(_state, daysKept: 30);

    private static ResponseMilestone Milestone(string incident, ResponseMeasure measure, TimeSpan took, string team = "soc", DateTimeOffset? at = null) =>
        new(incident, measure, took, at ?? Now, team);

    private ResponseReport Report(DateTimeOffset since, string? team = null) => _aggregate.Report(new ResponseQuery(since, team));

    /// <summary>Nearest rank over the exact samples: what the histogram approximates.</summary>
    private static double Exact(double[] sorted, double share) => sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    [Fact]
    public void Percentiles_are_within_the_documented_error_of_the_exact_ones_over_six_orders_of_magnitude()
    {
        var random = new Random(17);
        var samples = new List<double>();
        for (var i = 0; i < 5_000; i++)
        {
            // log-uniform from 5 ms to ~2 days, as response times spread
            var took = TimeSpan.FromTicks((long)(Math.Exp(Math.Log(5) + random.NextDouble() * (Math.Log(2e8) - Math.Log(5))) * TimeSpan.TicksPerMillisecond));
            samples.Add(took.TotalMilliseconds);
            Assert.Equal("soc", _aggregate.Record(Milestone($"i{i}", ResponseMeasure.Acknowledge, took), Now));
        }

        var sorted = samples.Order().ToArray();
        var figures = Report(Now.AddDays(-1)).Measures["acknowledge"];
        Assert.Equal(5_000, figures.Count);
        foreach (var (share, reported) in new[] { (0.50, figures.P50Milliseconds), (0.90, figures.P90Milliseconds), (0.99, figures.P99Milliseconds) })
        {
            var exact = Exact(sorted, share);
            Assert.True(Math.Abs(reported!.Value - exact) <= exact * ResponseHistogram.RelativeError + 1e-9, $"p{share * 100}: {reported} vs {exact}");
        }

        Assert.Equal(sorted[^1], figures.MaxMilliseconds);
    }

    [Fact]
    public void A_histogram_is_bounded_and_sparse_and_clamps_what_is_outside_one_ms_to_thirty_days()
    {
        var histogram = new ResponseHistogram();
        histogram.Add(TimeSpan.FromTicks(10));
        histogram.Add(TimeSpan.FromMilliseconds(-5));
        histogram.Add(TimeSpan.FromDays(90));
        histogram.Add(TimeSpan.FromSeconds(1));

        Assert.Equal(3, histogram.Buckets.Count);
        Assert.True(histogram.Buckets.Keys.All(b => b >= 0 && b <= ResponseHistogram.LastBucket));
        Assert.InRange(ResponseHistogram.LastBucket, 500, 600);
        Assert.Equal(1, histogram.Percentile(0.25));
        Assert.Equal(TimeSpan.FromDays(90).TotalMilliseconds, histogram.MaxMilliseconds);
        Assert.True(histogram.Percentile(1.0) <= TimeSpan.FromDays(30).TotalMilliseconds * (1 + ResponseHistogram.RelativeError));
        Assert.Null(new ResponseHistogram().Percentile(0.5));
    }

    [Fact]
    public void The_same_incidents_same_measure_counts_once_and_its_other_measures_count_apart()
    {
        Assert.NotNull(_aggregate.Record(Milestone("a", ResponseMeasure.Acknowledge, TimeSpan.FromMinutes(3)), Now));
        Assert.Null(_aggregate.Record(Milestone("a", ResponseMeasure.Acknowledge, TimeSpan.FromMinutes(9)), Now));
        Assert.NotNull(_aggregate.Record(Milestone("a", ResponseMeasure.Resolve, TimeSpan.FromHours(2)), Now));
        Assert.NotNull(_aggregate.Record(Milestone("a", ResponseMeasure.Breach, TimeSpan.FromMinutes(15)), Now));
        Assert.Null(_aggregate.Record(Milestone("a", ResponseMeasure.Breach, TimeSpan.FromMinutes(15)), Now));

        // Reloaded from its state (a new activation), it still knows.
        var again = new ResponseAggregate(_state, daysKept: 30);
        Assert.Null(again.Record(Milestone("a", ResponseMeasure.Resolve, TimeSpan.FromHours(2)), Now));

        var report = again.Report(new ResponseQuery(Now.AddDays(-1), null));
        Assert.Equal((1, 1, 1L), (report.Measures["acknowledge"].Count, report.Measures["resolve"].Count, report.Breaches));
        Assert.Equal(TimeSpan.FromMinutes(3).TotalMilliseconds, report.Measures["acknowledge"].MaxMilliseconds);
        Assert.Equal(["a"], report.BreachedIncidents);
    }

    [Fact]
    public void An_empty_report_has_every_measure_with_no_figures()
    {
        var report = Report(Now.AddDays(-7));
        Assert.Equal(["triage", "enrichment", "escalation", "acknowledge", "contain", "resolve"], report.Measures.Keys);
        Assert.All(report.Measures.Values, f => Assert.Equal(new ResponseFigures(), f));
        Assert.Equal((0L, 0), (report.Breaches, report.BreachedIncidents.Count));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), report.Since);
    }

    [Fact]
    public void A_report_covers_whole_days_from_since_and_one_team_or_all()
    {
        _aggregate.Record(Milestone("old", ResponseMeasure.Contain, TimeSpan.FromHours(5), "endpoint", Now.AddDays(-3)), Now);
        _aggregate.Record(Milestone("old", ResponseMeasure.Breach, TimeSpan.FromMinutes(15), "endpoint", Now.AddDays(-3)), Now);
        _aggregate.Record(Milestone("new", ResponseMeasure.Contain, TimeSpan.FromHours(1), "endpoint", Now.AddHours(-14)), Now); // yesterday
        _aggregate.Record(Milestone("net", ResponseMeasure.Contain, TimeSpan.FromMinutes(10), "network"), Now);
        _aggregate.Record(Milestone("net", ResponseMeasure.Breach, TimeSpan.FromMinutes(15), "network"), Now);

        var all = Report(Now.AddDays(-3).AddHours(5)); // later that day: the whole day counts
        Assert.Equal((3, 2L), (all.Measures["contain"].Count, all.Breaches));
        Assert.Equal(["net", "old"], all.BreachedIncidents);

        var recent = Report(Now.AddDays(-1));
        Assert.Equal((2, 1L), (recent.Measures["contain"].Count, recent.Breaches));
        Assert.Equal(["net"], recent.BreachedIncidents);

        var endpoint = Report(Now.AddDays(-5), "endpoint");
        Assert.Equal((2, 1L, "endpoint"), (endpoint.Measures["contain"].Count, endpoint.Breaches, endpoint.Team));
        Assert.Equal(TimeSpan.FromHours(5).TotalMilliseconds, endpoint.Measures["contain"].MaxMilliseconds);
        Assert.Equal(["old"], endpoint.BreachedIncidents);

        Assert.Equal(0, Report(Now.AddDays(-5), "data-security").Measures["contain"].Count);
    }

    [Fact]
    public void Days_past_those_kept_are_dropped_and_milestones_in_them_not_counted()
    {
        _aggregate.Record(Milestone("a", ResponseMeasure.Resolve, TimeSpan.FromHours(1), at: Now.AddDays(-29)), Now);
        _aggregate.Record(Milestone("a", ResponseMeasure.Breach, TimeSpan.FromHours(1), at: Now.AddDays(-29)), Now);
        Assert.Null(_aggregate.Record(Milestone("b", ResponseMeasure.Resolve, TimeSpan.FromHours(1), at: Now.AddDays(-30)), Now));

        // Two days later, a new day's first milestone drops the days now too old.
        var later = Now.AddDays(2);
        _aggregate.Record(Milestone("c", ResponseMeasure.Resolve, TimeSpan.FromHours(1), at: later), later);

        Assert.Equal([DateOnly.FromDateTime(later.UtcDateTime)], _state.Days.Keys);
        Assert.Empty(_state.Breached);
        Assert.Equal(1, _aggregate.Report(new ResponseQuery(Now.AddDays(-40), null)).Measures["resolve"].Count);
    }

    [Fact]
    public void Teams_are_bounded_and_a_name_that_is_not_one_counts_as_other()
    {
        for (var i = 0; i < ResponseAggregate.TeamsKept + 10; i++)
        {
            var team = _aggregate.Record(Milestone($"i{i}", ResponseMeasure.Acknowledge, TimeSpan.FromMinutes(1), $"team-{i}"), Now);
            Assert.Equal(i < ResponseAggregate.TeamsKept ? $"team-{i}" : ResponseAggregate.OtherTeam, team);
        }

        Assert.Equal("team-3", _aggregate.Record(Milestone("x", ResponseMeasure.Acknowledge, TimeSpan.FromMinutes(1), "team-3"), Now));
        foreach (var bad in new[] { "", "SOC", "a/b", "x\n", new string('a', 64) })
        {
            Assert.Equal(ResponseAggregate.OtherTeam, _aggregate.Record(Milestone($"bad-{bad}", ResponseMeasure.Acknowledge, TimeSpan.FromMinutes(1), bad), Now));
        }

        Assert.Equal(ResponseAggregate.TeamsKept + 1, _state.Days.Values.Single().Count);
        Assert.Equal(15, Report(Now.AddDays(-1), ResponseAggregate.OtherTeam).Measures["acknowledge"].Count);
    }

    [Fact]
    public void The_remembered_keys_and_the_breaches_listed_are_bounded()
    {
        for (var i = 0; i < ResponseAggregate.SeenCapacity + 500; i++)
        {
            _aggregate.Record(Milestone($"i{i}", ResponseMeasure.Breach, TimeSpan.FromMinutes(15), at: Now.AddSeconds(-i)), Now);
        }

        Assert.True(_state.Seen.Count <= ResponseAggregate.SeenCapacity);
        var listed = Assert.Single(_state.Breached).Value;
        Assert.Equal(ResponseStats.BreachesListed, listed.Count);
        var report = Report(Now.AddDays(-1));
        Assert.Equal(ResponseAggregate.SeenCapacity + 500, report.Breaches);
        Assert.Equal(Enumerable.Range(0, ResponseStats.BreachesListed).Select(i => $"i{i}"), report.BreachedIncidents);
    }
}

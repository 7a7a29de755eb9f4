using Incidents.Contracts.Response;
using Incidents.Grains.Tests.Enrichment;

namespace Incidents.Grains.Tests.Response;

/// <summary>The response figures' grain in a cluster: told one-way, counted once, reported by tenant.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ResponseStatsGrainTests(ClusterFixture fixture)
{
    private readonly string _tenant = $"resp-{Guid.NewGuid():N}"[..20];

    private IResponseStatsGrain Stats(string tenant) => fixture.Grains.GetGrain<IResponseStatsGrain>(ResponseStats.Key(tenant));

    [Fact]
    public async Task Milestones_told_one_way_are_counted_once_and_reported_by_measure_and_team()
    {
        var now = DateTimeOffset.UtcNow;
        var incident = Guid.NewGuid().ToString("N");
        var milestones = new[]
        {
            new ResponseMilestone(incident, ResponseMeasure.Triage, TimeSpan.FromSeconds(2), now, "endpoint"),
            new ResponseMilestone(incident, ResponseMeasure.Acknowledge, TimeSpan.FromMinutes(4), now, "endpoint"),
            new ResponseMilestone(incident, ResponseMeasure.Breach, TimeSpan.FromMinutes(15), now, "endpoint"),
        };
        foreach (var milestone in milestones.Concat(milestones))
        {
            await Stats(_tenant).Record(milestone);
        }

        await Stats(_tenant).Record(milestones[1] with { IncidentId = Guid.NewGuid().ToString("N"), Took = TimeSpan.FromMinutes(8), Team = "network" });

        var query = new ResponseQuery(now.AddDays(-1), null);
        var report = await Poll.Until(() => Stats(_tenant).Report(query), r => r.Measures["acknowledge"].Count >= 2);
        Assert.Equal((1, 2, 1L), (report.Measures["triage"].Count, report.Measures["acknowledge"].Count, report.Breaches));
        Assert.Equal([incident], report.BreachedIncidents);
        Assert.Equal(TimeSpan.FromMinutes(8).TotalMilliseconds, report.Measures["acknowledge"].MaxMilliseconds);

        var endpoint = await Stats(_tenant).Report(query with { Team = "endpoint" });
        Assert.Equal(TimeSpan.FromMinutes(4).TotalMilliseconds, endpoint.Measures["acknowledge"].P50Milliseconds!.Value, TimeSpan.FromMinutes(4).TotalMilliseconds * ResponseHistogramError);

        // Another tenant's figures are its own.
        var other = await Stats($"{_tenant}-b").Report(query);
        Assert.All(other.Measures.Values, f => Assert.Equal(0, f.Count));
        Assert.Empty(other.BreachedIncidents);
    }

    private const double ResponseHistogramError = Grains.Response.ResponseHistogram.RelativeError;
}

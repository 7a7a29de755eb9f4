using Incidents.Contracts.Alerts;
using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;

namespace Incidents.Grains.Tests.Enrichment;

/// <summary>An incident's enrichment in a cluster: enrichers in parallel, each bounded, none holding back the rest.</summary>
[Collection(EnrichmentClusterCollection.Name)]
public sealed class EnrichmentGrainTests(EnrichmentClusterFixture fixture)
{
    private readonly string _tenant = $"enrich-{Guid.NewGuid():N}"[..22];

    private async Task<string> OpenIncident(string host, Severity severity = Severity.Medium, string? user = null)
    {
        await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(_tenant, host)).Observe([TestAlerts.On(host, severity) with { User = user }]);
        var view = await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(_tenant, host)).GetView();
        return view.OpenIncidentId ?? throw new InvalidOperationException("no incident opened");
    }

    private IIncidentGrain Incident(string id) => fixture.Grains.GetGrain<IIncidentGrain>(TenantScoped.Key(_tenant, id));

    private IEnrichmentGrain Enrichment(string id) => fixture.Grains.GetGrain<IEnrichmentGrain>(TenantScoped.Key(_tenant, id));

    [Fact]
    public async Task A_slow_and_a_failing_enricher_hold_back_neither_the_others_nor_the_incident()
    {
        var host = TestAlerts.NewHost();
        var id = await OpenIncident(host);

        // The quick enricher's raise reaches the incident while the slow one still runs.
        var raised = await Poll.Until(() => Incident(id).GetView(0), v => v?.Summary.Severity == Severity.High);
        Assert.Equal(Severity.High, raised!.Summary.Severity);
        Assert.Contains(raised.Timeline, e => e.Kind == "severity" && e.Text.Contains("Known to the quick enricher", StringComparison.Ordinal));
        var meanwhile = await Enrichment(id).GetView();
        Assert.DoesNotContain(meanwhile.Runs, r => r.Enricher == "slow");
        Assert.Contains(meanwhile.Findings, f => f.Enricher == "quick" && f.Entity == host);
        var quick = Assert.Single(meanwhile.Runs, r => r.Enricher == "quick");
        Assert.Equal(EnricherOutcome.Succeeded, quick.Outcome);
        Assert.True(quick.FinishedAt - quick.StartedAt < EnrichmentClusterFixture.EnricherTimeout / 2, $"the quick run took {quick.FinishedAt - quick.StartedAt}");

        var failed = Assert.Single((await Poll.Until(() => Enrichment(id).GetView(), v => v.Runs.Any(r => r.Enricher == "failing"))).Runs, r => r.Enricher == "failing");
        Assert.Equal((EnricherOutcome.Failed, "InvalidOperationException"), (failed.Outcome, failed.Error));

        // The slow one is cut off at its deadline, and only then is the enrichment complete.
        var done = await Poll.Until(() => Enrichment(id).GetView(), v => v.FirstCompleteAt is not null, EnrichmentClusterFixture.EnricherTimeout * 3);
        var slow = Assert.Single(done.Runs, r => r.Enricher == "slow");
        Assert.Equal(EnricherOutcome.TimedOut, slow.Outcome);
        Assert.True(slow.FinishedAt - slow.StartedAt >= EnrichmentClusterFixture.EnricherTimeout - TimeSpan.FromMilliseconds(100));
        Assert.True(done.TimeToEnrichment >= EnrichmentClusterFixture.EnricherTimeout - TimeSpan.FromMilliseconds(100));
        Assert.Contains(done.Runs, r => r.Enricher == "assets" && r.Outcome == EnricherOutcome.Succeeded);
        Assert.Contains(done.Findings, f => f.Enricher == "assets" && f.Kind == "not-in-inventory" && f.Entity == host);
    }

    [Fact]
    public async Task New_entities_are_enriched_as_they_arrive_and_what_succeeded_is_not_run_again()
    {
        var host = TestAlerts.NewHost();
        var id = await OpenIncident(host, Severity.High, user: "carol");
        await Poll.Until(() => Enrichment(id).GetView(), v => v.FirstCompleteAt is not null, EnrichmentClusterFixture.EnricherTimeout * 3);

        // A new account on the incident: history runs for it alone; the host's enrichers have nothing new.
        await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(_tenant, host)).Observe([TestAlerts.On(host, Severity.High) with { User = "dave" }]);
        var after = await Poll.Until(() => Enrichment(id).GetView(), v => v.Runs.Count(r => r.Enricher == "history") == 2);
        Assert.Equal(2, after.Runs.Count(r => r.Enricher == "history"));
        Assert.Equal(1, after.Runs.Last(r => r.Enricher == "history").Entities);
        Assert.Single(after.Runs, r => r.Enricher == "quick");
        Assert.Single(after.Runs, r => r.Enricher == "assets");

        // What failed or timed out is tried again with the next change, not what succeeded.
        Assert.Equal(2, after.Runs.Count(r => r.Enricher == "failing"));
    }
}

internal static class Poll
{
    /// <summary>Asks until the answer satisfies <paramref name="done"/> or the deadline passes; returns the last answer.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var answer = await ask();
            if (done(answer) || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(20);
        }
    }
}

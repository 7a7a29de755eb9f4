using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Tests.Correlation;

/// <summary>Merges on the three-silo cluster: racing, repeated, from every side, and never losing an alert.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MergeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Hosts_racing_to_merge_into_one_hub_lose_no_alert_and_leave_no_cycle()
    {
        var s = new Scenario(fixture.Grains);
        var spokes = Enumerable.Range(0, 12).Select(i => $"spoke-{i:00}").ToArray();
        await s.Post(s.Alert("hub", 0.5));
        await Task.WhenAll(spokes.Select((h, i) => s.Post(s.Alert(h, i), s.Alert(h, i + 1, Severity.Low), s.Alert(h, i + 2, Severity.Low))));

        // Every spoke reaches the hub at once, each in its own batch: twelve merges race.
        await Task.WhenAll(spokes.Select((h, i) => s.Post(s.Step(h, "hub", 30 + i))));

        var incident = await Scenario.Eventually(() => s.OneIncidentHolding(["hub", .. spokes]),
            v => v!.LateralMovement.Count == spokes.Length && v.Summary.AlertCount == 1 + (3 * 12) + 12, "every spoke in the hub's incident");
        Assert.Equal(spokes, incident!.LateralMovement.Select(e => e.From).Order());
        Assert.All(incident.LateralMovement, e => Assert.Equal("hub", e.To));

        // 13 incidents were opened; all but one are merged, each pointing (through merges) at the survivor.
        var merged = await s.Incidents(IncidentStatus.Merged);
        Assert.Equal(12, merged.Count);
        foreach (var m in merged)
        {
            Assert.Equal(incident.Summary.Id, await s.SurvivorOf(m.Id));
        }

        // The survivor has the smallest id: merges run towards the smaller id.
        Assert.True(merged.All(m => string.CompareOrdinal(incident.Summary.Id, m.Id) < 0));
        Assert.Equal(incident.Summary.Id, Assert.Single(await s.Incidents()).Id);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Merges_called_at_once_from_every_side_and_repeated_end_in_the_incident_with_the_smallest_id(int seed)
    {
        var s = new Scenario(fixture.Grains);
        var hosts = Enumerable.Range(0, 10).Select(i => $"h{i}").ToArray();
        foreach (var (host, i) in hosts.Select((h, i) => (h, i)))
        {
            await s.Post(s.Alert(host, i), s.Alert(host, i + 0.5, Severity.Low));
        }

        var ids = (await Task.WhenAll(hosts.Select(async h => (await s.Host(h).GetView()).OpenIncidentId!))).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        var pairs = Enumerable.Range(1, ids.Length - 1).Select(i => (Greater: i, Smaller: random.Next(i)))
            .Concat(Enumerable.Range(0, 15).Select(_ => random.Next(1, ids.Length)).Select(i => (Greater: i, Smaller: random.Next(i))))
            .ToArray();
        random.Shuffle(pairs);

        var edge = new LateralEdge("x", "y", Scenario.Start, null, "test", [], []);
        var holders = await Task.WhenAll(pairs.Select(p => s.Incident(ids[p.Greater]).Merge(ids[p.Smaller], [edge])));

        foreach (var holder in holders.Distinct())
        {
            Assert.NotNull(holder); // none of them is resolved
            Assert.Equal(ids[0], await s.SurvivorOf(holder));
        }

        var survivor = (await s.Incident(ids[0]).GetView(1000))!;
        Assert.Equal((20L, 0L), (survivor.Summary.AlertCount, survivor.AlertsNotShown));
        Assert.Equal(hosts.Concat(["x", "y"]).Order(), survivor.Hosts.Order());
        Assert.Single(survivor.LateralMovement);
        foreach (var id in ids[1..])
        {
            var view = (await s.Incident(id).GetView(0))!;
            Assert.Equal((IncidentStatus.Merged, ids[0]), (view.Summary.Status, await s.SurvivorOf(id)));
        }

        // A host whose incident was merged finds the survivor on its next alert, and the alert lands there.
        await s.Post(s.Alert("h9", 60, Severity.Low));
        Assert.Equal(ids[0], (await s.Host("h9").GetView()).OpenIncidentId);
        Assert.Equal(21, (await s.Incident(ids[0]).GetView(0))!.Summary.AlertCount);
    }

    [Fact]
    public async Task A_merge_towards_a_greater_id_is_refused()
    {
        var s = new Scenario(fixture.Grains);
        await s.Post(s.Alert("p", 0));
        await s.Post(s.Alert("q", 1));
        var (p, q) = ((await s.Host("p").GetView()).OpenIncidentId!, (await s.Host("q").GetView()).OpenIncidentId!);
        var (smaller, greater) = string.CompareOrdinal(p, q) < 0 ? (p, q) : (q, p);

        await Assert.ThrowsAsync<ArgumentException>(() => s.Incident(smaller).Merge(greater, []));
        Assert.Equal(IncidentStatus.New, (await s.Incident(smaller).GetView(0))!.Summary.Status);
    }
}

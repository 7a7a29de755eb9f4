using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;

namespace Incidents.Grains.Tests.Queue;

[Collection(ClusterCollection.Name)]
public sealed class IncidentQueueGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_queue_finds_a_tenants_incidents_across_its_shards_by_host_and_status_newest_first()
    {
        var tenant = $"tenant-{Guid.NewGuid():N}";
        var hosts = Enumerable.Range(0, 40).Select(_ => TestAlerts.NewHost()).ToArray();
        foreach (var host in hosts)
        {
            await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).Observe([TestAlerts.On(host, Severity.High)]);
        }

        var all = await IncidentIndex.Query(fixture.Grains, tenant, new IncidentQuery { Limit = 100 });
        Assert.Equal(40, all.Total);
        Assert.True(all.Items.Select(i => i.Id[0]).Distinct().Count() > 1, "every incident in one shard: the test shows nothing of the fan-out");
        Assert.Equal(all.Items.OrderByDescending(i => i.UpdatedAt).ThenBy(i => i.Id, StringComparer.Ordinal), all.Items);
        Assert.Equal(hosts.Order(), all.Items.Select(i => i.Hosts.Single()).Order());

        var one = await IncidentIndex.Query(fixture.Grains, tenant, new IncidentQuery { Host = hosts[2], Statuses = [IncidentStatus.New] });
        Assert.Equal(hosts[2], Assert.Single(one.Items).Hosts.Single());

        Assert.Empty((await IncidentIndex.Query(fixture.Grains, tenant, new IncidentQuery { Statuses = [IncidentStatus.Resolved] })).Items);
        var page = await IncidentIndex.Query(fixture.Grains, tenant, new IncidentQuery { Limit = 15 });
        var rest = await IncidentIndex.Query(fixture.Grains, tenant, new IncidentQuery { Limit = 100, After = QueueOrder.Position(page.Items[^1], IncidentSort.Updated) });
        Assert.Equal(all.Items.Select(i => i.Id), page.Items.Concat(rest.Items).Select(i => i.Id));
        Assert.Equal(0, (await IncidentIndex.Query(fixture.Grains, $"other-{tenant[7..]}", new IncidentQuery())).Total);
    }

    [Fact]
    public async Task An_analysts_action_reaches_the_queue_with_the_answer()
    {
        var tenant = $"tenant-{Guid.NewGuid():N}";
        var host = TestAlerts.NewHost();
        await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).Observe([TestAlerts.On(host, Severity.High)]);
        var id = (await IncidentIndex.Query(fixture.Grains, tenant, new IncidentQuery())).Items.Single().Id;

        var outcome = await fixture.Grains.GetGrain<IIncidentGrain>(TenantScoped.Key(tenant, id)).Act(new Assign { Actor = "alice", Assignee = "bob", Team = "endpoint" });

        Assert.Equal(ActionResult.Done, outcome.Result);
        var mine = await IncidentIndex.Query(fixture.Grains, tenant, new IncidentQuery { Assignee = "bob", Team = "endpoint" });
        Assert.Equal((id, 1L), (mine.Items.Single().Id, mine.Items.Single().Version));
    }

    [Fact]
    public async Task A_page_whose_incidents_crowd_into_one_shard_is_asked_of_that_shard_again_and_pages_cover_all_once()
    {
        // Each shard is first asked for a few more than its share (8 of a page of 20): here the 30 newest are all in
        // shard a, so the merge must go back to it, twice per page.
        var tenant = $"tenant-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var crowded = Enumerable.Range(0, 30).Select(i => Summary($"a{i:x31}", now.AddSeconds(-i))).ToList();
        var elsewhere = Enumerable.Range(0, 6).Select(i => Summary($"{3 + i:x}{i:x31}", now.AddMinutes(-10 - i))).ToList();
        foreach (var summary in crowded.Concat(elsewhere))
        {
            await fixture.Grains.GetGrain<IIncidentIndexGrain>(IncidentIndex.Key(tenant, summary.Id)).Update(summary, durable: false);
        }

        var expected = crowded.Concat(elsewhere).Select(s => s.Id).ToList();
        var seen = new List<string>();
        QueuePosition? after = null;
        while (true)
        {
            var page = await IncidentIndex.Query(fixture.Grains, tenant, new IncidentQuery { Limit = 20, After = after });
            Assert.Equal(36, page.Total);
            seen.AddRange(page.Items.Select(i => i.Id));
            if (!page.More)
            {
                break;
            }

            after = QueueOrder.Position(page.Items[^1], IncidentSort.Updated);
        }

        Assert.Equal(expected, seen);
    }

    private static IncidentSummary Summary(string id, DateTimeOffset updated) => new()
    {
        Id = id,
        Title = $"Crowded {id}",
        Status = IncidentStatus.New,
        Severity = Severity.High,
        Hosts = [$"ws-{id[..6]}"],
        Users = [],
        AlertCount = 1,
        FirstSeen = updated,
        LastSeen = updated,
        CreatedAt = updated,
        UpdatedAt = updated,
        HostCount = 1,
        UserCount = 0,
    };
}

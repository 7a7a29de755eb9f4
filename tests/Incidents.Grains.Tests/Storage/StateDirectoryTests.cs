using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage.Directory;

namespace Incidents.Grains.Tests.Storage;

/// <summary>
/// A grain never stored reads nothing on activation; one stored reads its state, in a later cluster on the same
/// storage too; a burst of new grains shares few directory writes; state written before the directory existed is
/// found by the directory's first scan.
/// </summary>
public sealed class StateDirectoryTests
{
    private readonly EtagStorage _storage = new();

    [Fact]
    public async Task A_new_host_reads_no_state_and_a_stored_one_finds_its_state_after_a_restart()
    {
        var key = TenantScoped.Key("t1", TestAlerts.NewHost());
        await using (var first = await _storage.StartClusterAsync(silos: 1))
        {
            await first.Client.GetGrain<IHostGrain>(key).Observe([TestAlerts.On(key, Severity.Low, minute: 1)]);
            await _storage.StoredAlertCount(key, 1);
            Assert.Equal(0, _storage.Reads(key));
        }

        await using var second = await _storage.StartClusterAsync(silos: 1);
        var view = await second.Client.GetGrain<IHostGrain>(key).GetView();
        Assert.True(view.Known);
        Assert.Equal(1, view.AlertCount);
        Assert.Equal(1, _storage.Reads(key));
    }

    [Fact]
    public async Task Grains_held_while_a_directory_write_is_under_way_share_the_next_write()
    {
        _storage.WriteLatency = TimeSpan.FromMilliseconds(300); // a slow round trip, during which the rest arrive
        await using var cluster = await _storage.StartClusterAsync(silos: 1);
        var directory = cluster.Client.GetGrain<IStateDirectoryGrain>(StateDirectoryKeys.DirectoryKey("t1", "host", "host", 0));
        Assert.False(await directory.MayHold(1)); // activated: its first write (creation) is done
        var created = _storage.Writes("directory");

        await Task.WhenAll(Enumerable.Range(1, 400).Select(grain => directory.Hold(grain)));

        // The first hold's write, then one (rarely a few) for the 399 that arrived while it was under way: not 400.
        Assert.InRange(_storage.Writes("directory") - created, 2, 10);
        Assert.True(await directory.MayHold(400));
        Assert.False(await directory.MayHold(401));
    }

    [Fact]
    public async Task A_burst_of_due_writes_takes_turns_and_every_host_is_stored()
    {
        _storage.WriteLatency = TimeSpan.FromMilliseconds(5);
        await using var cluster = await _storage.StartClusterAsync(silos: 1, writesAtOnce: 4);
        var keys = Enumerable.Range(0, 200).Select(_ => TenantScoped.Key("t1", TestAlerts.NewHost())).ToArray();
        await Task.WhenAll(keys.Select(key => cluster.Client.GetGrain<IHostGrain>(key).Observe([TestAlerts.On(key, Severity.Low, minute: 1)])));
        foreach (var key in keys)
        {
            await _storage.StoredAlertCount(key, 1);
        }

        Assert.InRange(_storage.MostWritesAtOnce, 1, 4); // 200 due within the same 50 ms, four at a time
    }

    [Fact]
    public async Task An_action_is_stored_ahead_of_the_queue_of_behind_writes()
    {
        _storage.WriteLatency = TimeSpan.FromMilliseconds(100);
        await using var cluster = await _storage.StartClusterAsync(silos: 1, writesAtOnce: 1);
        var attacked = TestAlerts.NewHost();
        var host = cluster.Client.GetGrain<IHostGrain>(TenantScoped.Key("t1", attacked));
        await host.Observe([TestAlerts.On(attacked, Severity.High, minute: 1)]);
        var incidentKey = TenantScoped.Key("t1", (await host.GetView()).OpenIncidentId!);
        var others = Enumerable.Range(0, 60).Select(_ => TestAlerts.NewHost()).ToArray();
        await Observe(cluster, others, minute: 1);
        await Correlation.Scenario.Eventually(() => Task.FromResult(_storage.Writes("host")), written => written > others.Length, "every host stored");

        // Sixty stored hosts due to write again one at a time, 100 ms each, then the incident (a later alert on its
        // host): six seconds of queue ahead of the incident's write.
        await Observe(cluster, others, minute: 2);
        await host.Observe([TestAlerts.On(attacked, Severity.Low, minute: 2)]);
        var before = _storage.Writes("host");
        await Correlation.Scenario.Eventually(() => Task.FromResult(_storage.Writes("host")), written => written >= before + 3, "the queue under way, the incident in it");

        var outcome = await cluster.Client.GetGrain<IIncidentGrain>(incidentKey).Act(new Acknowledge { Actor = "alice" });

        Assert.Equal(ActionResult.Done, outcome.Result);
        Assert.Equal(IncidentStatus.Acknowledged, _storage.Stored<Incidents.IncidentState>(incidentKey)?.Status);
        Assert.True(_storage.Writes("host") < before + others.Length, "the action waited for the whole queue");
    }

    private static async Task Observe(Orleans.TestingHost.InProcessTestCluster cluster, string[] hosts, int minute) =>
        await Task.WhenAll(hosts.Select(name => cluster.Client.GetGrain<IHostGrain>(TenantScoped.Key("t1", name)).Observe([TestAlerts.On(name, Severity.Low, minute)])));

    [Fact]
    public async Task Hosts_stored_before_the_directory_existed_are_found_by_its_first_scan()
    {
        var keys = Enumerable.Range(0, 40).Select(_ => TenantScoped.Key("t1", TestAlerts.NewHost())).ToArray();
        await using (var earlier = await _storage.StartClusterAsync(silos: 1))
        {
            await Task.WhenAll(keys.Select(key => earlier.Client.GetGrain<IHostGrain>(key).Observe([TestAlerts.On(key, Severity.Low, minute: 1)])));
            foreach (var key in keys)
            {
                await _storage.StoredAlertCount(key, 1);
            }
        }

        _storage.Forget("statedirectory"); // as stored by a version before the directory

        await using var later = await _storage.StartClusterAsync(silos: 1, scanStored: true);
        foreach (var key in keys)
        {
            var view = await later.Client.GetGrain<IHostGrain>(key).GetView();
            Assert.Equal(1, view.AlertCount);
        }
    }
}

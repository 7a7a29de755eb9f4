using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
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
    public async Task A_burst_of_new_hosts_is_held_by_a_few_directory_writes()
    {
        _storage.WriteLatency = TimeSpan.FromMilliseconds(20); // a round trip, during which the next hosts gather
        await using var cluster = await _storage.StartClusterAsync(silos: 1);
        var keys = Enumerable.Range(0, 400).Select(_ => TenantScoped.Key("t1", TestAlerts.NewHost())).ToArray();
        await Task.WhenAll(keys.Select(key => cluster.Client.GetGrain<IHostGrain>(key).Observe([TestAlerts.On(key, Severity.Low, minute: 1)])));
        foreach (var key in keys)
        {
            await _storage.StoredAlertCount(key, 1);
        }

        Assert.All(keys, key => Assert.Equal(0, _storage.Reads(key)));
        // 16 shards, each created once, then written for the hosts that gathered behind each write: not 400 writes.
        Assert.InRange(_storage.Writes("directory"), StateDirectoryKeys.Shards, 100);
    }

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

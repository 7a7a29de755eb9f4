using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Orleans.TestingHost;

namespace Incidents.Grains.Tests.Storage;

/// <summary>
/// A state write that lands while its answer is lost (storage going away mid-request) leaves the grain with a stale
/// ETag. The grain must take the stored ETag and go on writing, not deactivate and drop what it holds.
/// </summary>
public sealed class StateWriteTakeOverTests : IAsyncLifetime
{
    private readonly EtagStorage _storage = new();
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await _storage.StartClusterAsync(silos: 1);

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_followed_by_writes_over_it_with_nothing_dropped()
    {
        var key = TenantScoped.Key("t1", TestAlerts.NewHost());
        var host = _cluster.Client.GetGrain<IHostGrain>(key);

        await host.Observe([TestAlerts.On(key, Severity.Low, minute: 1)]);
        await _storage.StoredAlertCount(key, 1);

        _storage.LoseNextAnswer = true;
        await host.Observe([TestAlerts.On(key, Severity.Low, minute: 2)]);
        await _storage.StoredAlertCount(key, 2); // stored, but the grain heard a timeout and kept its old ETag

        await host.Observe([TestAlerts.On(key, Severity.Low, minute: 3)]);
        await _storage.StoredAlertCount(key, 3);
        Assert.True(_storage.Conflicts > 0, "the stale ETag never met the stored one");
        Assert.Equal(3, (await host.GetView()).AlertCount);
    }
}

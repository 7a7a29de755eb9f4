using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Tests.Correlation;
using Orleans.Core.Internal;
using Orleans.Runtime.Placement;
using Orleans.TestingHost;

namespace Incidents.Grains.Tests.Storage;

/// <summary>
/// The rebalancer moves grains between silos whatever storage is doing. A host that moves while storage is away must
/// take what it has not written with it, and write it once storage is back: an acknowledged alert is not lost.
/// </summary>
public sealed class MovingGrainTests : IAsyncLifetime
{
    private readonly EtagStorage _storage = new();
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await _storage.StartClusterAsync(silos: 2);

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_host_moved_while_storage_is_away_keeps_its_alerts_and_writes_them_when_storage_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = TenantScoped.Key("t1", TestAlerts.NewHost());
        var host = _cluster.Client.GetGrain<IHostGrain>(key);
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);

        await host.Observe([TestAlerts.On(key, Severity.Low, minute: 1)]);
        await _storage.StoredAlertCount(key, 1);

        _storage.Away = true;
        await host.Observe([TestAlerts.On(key, Severity.Low, minute: 2), TestAlerts.On(key, Severity.Low, minute: 3)]);

        var from = await management.GetActivationAddress(host, ct);
        var to = _cluster.Silos.Select(s => s.SiloAddress).Single(s => !s.Equals(from));
        RequestContext.Set(IPlacementDirector.PlacementHintKey, to);
        await host.Cast<IGrainManagementExtension>().MigrateOnIdle(ct);
        RequestContext.Clear();
        await Scenario.Eventually<SiloAddress?>(async () => await management.GetActivationAddress(host, ct), at => to.Equals(at), "the host moved to the other silo");

        Assert.Equal(3, (await host.GetView()).AlertCount); // moved with what it held, not read back from storage

        _storage.Away = false;
        await _storage.StoredAlertCount(key, 3); // written by the new activation, with no new alert to prompt it
    }
}

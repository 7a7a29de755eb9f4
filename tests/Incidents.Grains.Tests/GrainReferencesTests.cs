using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;

namespace Incidents.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public void A_reference_by_key_is_the_one_Orleans_makes_for_that_key()
    {
        foreach (var key in new[] { TenantScoped.Key("t1", "ws-017"), TenantScoped.Key("t2", "10.0.0.5"), "-" })
        {
            var fast = (GrainReference)(object)fixture.Grains.Reference<IHostGrain>(key);
            var made = (GrainReference)(object)fixture.Grains.GetGrain<IHostGrain>(key);
            Assert.Equal(made.GrainId, fast.GrainId);
            Assert.Equal(made.InterfaceType, fast.InterfaceType);
            Assert.Equal(made, fast);
        }
    }

    [Fact]
    public void Each_interface_keeps_its_own_types()
    {
        var host = (GrainReference)(object)fixture.Grains.Reference<IHostGrain>("k");
        var incident = (GrainReference)(object)fixture.Grains.Reference<IIncidentGrain>("k");
        Assert.NotEqual(host.GrainId, incident.GrainId);
        Assert.Equal(((GrainReference)(object)fixture.Grains.GetGrain<IIncidentGrain>("k")).GrainId, incident.GrainId);
    }

    [Fact]
    public async Task A_call_through_it_reaches_the_grain()
    {
        var host = TestAlerts.NewHost();
        await fixture.Grains.Reference<IHostGrain>(TenantScoped.Key("t1", host)).Observe([TestAlerts.On(host, Severity.Low)]);
        var view = await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key("t1", host)).GetView();
        Assert.Equal(1, view.AlertCount);
    }
}

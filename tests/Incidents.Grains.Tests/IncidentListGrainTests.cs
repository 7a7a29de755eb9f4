using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;

namespace Incidents.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class IncidentListGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_list_finds_a_tenants_incidents_by_host_and_status_newest_first()
    {
        var tenant = $"tenant-{Guid.NewGuid():N}";
        var hosts = Enumerable.Range(0, 4).Select(_ => TestAlerts.NewHost()).ToArray();
        foreach (var host in hosts)
        {
            await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).Observe([TestAlerts.On(host, Severity.High)]);
        }

        var list = fixture.Grains.GetGrain<IIncidentListGrain>(tenant);
        var all = await list.Query(new IncidentQuery(null, null, 100));
        Assert.Equal(4, all.Count);
        Assert.Equal(hosts.Reverse(), all.Select(i => i.Hosts.Single()));

        var one = await list.Query(new IncidentQuery(hosts[2], IncidentStatus.New, 100));
        Assert.Equal(hosts[2], Assert.Single(one).Hosts.Single());

        Assert.Empty(await list.Query(new IncidentQuery(null, IncidentStatus.Resolved, 100)));
        Assert.Equal(2, (await list.Query(new IncidentQuery(null, null, 2))).Count);
        Assert.Empty(await fixture.Grains.GetGrain<IIncidentListGrain>($"other-{tenant}").Query(new IncidentQuery(null, null, 100)));
    }
}

using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;

namespace Incidents.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class HostGrainTests(ClusterFixture fixture)
{
    private IHostGrain Host(string key) => fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key("t1", key));

    private IIncidentGrain Incident(string id) => fixture.Grains.GetGrain<IIncidentGrain>(TenantScoped.Key("t1", id));

    [Fact]
    public async Task A_severe_alert_opens_an_incident_and_later_alerts_join_it()
    {
        var host = TestAlerts.NewHost();
        await Host(host).Observe([TestAlerts.On(host, Severity.High)]);
        var first = await Host(host).GetView();
        Assert.NotNull(first.OpenIncidentId);

        await Host(host).Observe([TestAlerts.On(host, Severity.Low, minute: 5), TestAlerts.On(host, Severity.Medium, minute: 9)]);
        var after = await Host(host).GetView();
        Assert.Equal(first.OpenIncidentId, after.OpenIncidentId);

        var incident = await Incident(after.OpenIncidentId!).GetView(100);
        Assert.NotNull(incident);
        Assert.Equal(3, incident.Summary.AlertCount);
        Assert.Equal(Severity.High, incident.Summary.Severity);
        Assert.Equal([host], incident.Hosts);
        Assert.Equal(IncidentStatus.New, incident.Summary.Status);
        Assert.Equal(TimeSpan.FromMinutes(9), incident.Summary.LastSeen - incident.Summary.FirstSeen);
    }

    [Fact]
    public async Task Alerts_below_the_threshold_stay_on_the_host_without_an_incident()
    {
        var host = TestAlerts.NewHost();
        var isNew = await Host(host).Observe([TestAlerts.On(host, Severity.Low), TestAlerts.On(host, Severity.Info)]);

        Assert.Equal([true, true], isNew);
        var view = await Host(host).GetView();
        Assert.Null(view.OpenIncidentId);
        Assert.Equal(2, view.AlertCount);
        Assert.Equal(2, view.RecentAlerts.Count);
    }

    [Fact]
    public async Task A_redelivered_alert_counts_once_but_two_alerts_with_their_own_ids_count_twice_however_alike()
    {
        var host = TestAlerts.NewHost();
        var alert = TestAlerts.On(host);
        await Host(host).Observe([alert]);

        var redelivered = await Host(host).Observe([alert, alert with { Title = "changed" }]);
        var lookalike = TestAlerts.On(host) with { Fingerprint = alert.Fingerprint };
        var distinct = await Host(host).Observe([lookalike]);

        Assert.Equal([false, false], redelivered);
        Assert.Equal([true], distinct);
        var view = await Host(host).GetView();
        Assert.Equal(2, view.AlertCount);
        var incident = await Incident(view.OpenIncidentId!).GetView(10);
        Assert.Equal(2, incident!.Summary.AlertCount);
    }

    [Fact]
    public async Task Only_the_primary_host_decides_the_incident_and_the_other_host_named_is_related_not_a_member()
    {
        var victim = TestAlerts.NewHost();
        var attacker = TestAlerts.NewHost();
        var alert = TestAlerts.On(victim, Severity.Critical, 0, attacker);

        await Task.WhenAll(Host(victim).Observe([alert]), Host(attacker).Observe([alert]));

        var victimView = await Host(victim).GetView();
        var attackerView = await Host(attacker).GetView();
        Assert.NotNull(victimView.OpenIncidentId);
        Assert.Null(attackerView.OpenIncidentId);
        Assert.Equal(1, attackerView.AlertCount);
        var incident = await Incident(victimView.OpenIncidentId!).GetView(10);
        Assert.Equal([victim], incident!.Hosts);
        Assert.Equal([attacker], incident.RelatedHosts);
    }

    [Fact]
    public async Task A_host_keeps_only_its_newest_alerts_but_counts_them_all()
    {
        var host = TestAlerts.NewHost();
        var alerts = Enumerable.Range(0, 25).Select(i => TestAlerts.On(host, Severity.Low, i)).ToArray();
        await Host(host).Observe(alerts[..15]);
        await Host(host).Observe(alerts[15..]);

        var view = await Host(host).GetView();
        Assert.Equal(25, view.AlertCount);
        Assert.Equal(10, view.RecentAlerts.Count);
        Assert.Equal(alerts[^1].Id, view.RecentAlerts[^1].Id);
        Assert.Equal(alerts[0].Time, view.FirstSeen);
        Assert.Equal(alerts[^1].Time, view.LastSeen);
    }

    [Fact]
    public async Task Redelivered_alerts_count_once_whether_the_host_has_seen_few_or_many()
    {
        // A host remembers its first few ids in a list and more in a hash set: both must know a redelivery.
        var host = TestAlerts.NewHost();
        var alerts = Enumerable.Range(0, 40).Select(i => TestAlerts.On(host, Severity.Low, i)).ToArray();
        foreach (var alert in alerts[..5])
        {
            await Host(host).Observe([alert]);
        }

        Assert.All(await Host(host).Observe(alerts[..5]), isNew => Assert.False(isNew));
        Assert.Equal(35, (await Host(host).Observe(alerts)).Count(isNew => isNew));
        Assert.All(await Host(host).Observe(alerts), isNew => Assert.False(isNew));
        Assert.Equal(40, (await Host(host).GetView()).AlertCount);
    }

    [Fact]
    public async Task An_incident_keeps_its_newest_alerts_and_counts_the_rest()
    {
        var host = TestAlerts.NewHost();
        var alerts = Enumerable.Range(0, 50).Select(i => TestAlerts.On(host, Severity.High, i)).ToArray();
        foreach (var chunk in alerts.Chunk(7))
        {
            await Host(host).Observe(chunk);
        }

        var id = (await Host(host).GetView()).OpenIncidentId!;
        var incident = await Incident(id).GetView(5);
        Assert.Equal(50, incident!.Summary.AlertCount);
        Assert.Equal(5, incident.Alerts.Count);
        Assert.Equal(45, incident.AlertsNotShown);
        Assert.Equal(alerts[^1].Id, incident.Alerts[0].Id);
        Assert.Equal(alerts[0].Time, incident.Summary.FirstSeen);

        var all = await Incident(id).GetView(1000);
        Assert.Equal(20, all!.Alerts.Count);
        Assert.Equal(30, all.AlertsNotShown);
    }

    [Fact]
    public async Task An_incident_counts_an_alert_handed_to_it_twice_once()
    {
        var host = TestAlerts.NewHost();
        var alert = TestAlerts.On(host);
        await Host(host).Observe([alert]);
        var id = (await Host(host).GetView()).OpenIncidentId!;

        // What a host does when it retries after a failure half way.
        Assert.Equal(id, await Incident(id).Add(host, [alert, TestAlerts.On(host)], []));

        Assert.Equal(2, (await Incident(id).GetView(10))!.Summary.AlertCount);
    }

    [Fact]
    public async Task An_unknown_incident_is_null_until_a_host_hands_it_alerts_then_it_is_made_again()
    {
        // What a host's incident looks like when a silo died before the incident wrote its state.
        var id = Guid.NewGuid().ToString("N");
        var incident = Incident(id);
        Assert.Null(await incident.GetView(10));
        Assert.Null(await incident.Add("nobody", [], []));
        Assert.Null(await incident.GetView(10));

        Assert.Equal(id, await incident.Add("lost", [TestAlerts.On("lost")], []));
        var view = (await incident.GetView(10))!;
        Assert.Equal((IncidentStatus.New, 1L, "lost"), (view.Summary.Status, view.Summary.AlertCount, view.Hosts[0]));
    }
}

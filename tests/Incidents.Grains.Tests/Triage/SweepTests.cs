using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Tests.Triage;

/// <summary>A vulnerability scanner sweeping the estate: one incident on the scanner, never part of an attack's.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SweepTests(ClusterFixture fixture)
{
    private IHostGrain Host(string key) => fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key("t1", key));

    private IIncidentGrain Incident(string id) => fixture.Grains.GetGrain<IIncidentGrain>(TenantScoped.Key("t1", id));

    /// <summary>As the front door files a scan: on the scanner first, then the host it looked at.</summary>
    private static AlertSummary Probe(string scanner, string target, int minute) => TestAlerts.On(scanner, Severity.Medium, minute, target) with
    {
        Title = "ET SCAN Nessus User Agent", RuleId = "2002664", Reconnaissance = true,
        Src = new EndpointSummary("10.9.9.5", 40000, scanner, null, true),
        Dst = new EndpointSummary($"10.1.0.{minute}", 445, target, null, true),
    };

    [Fact]
    public async Task A_nightly_sweep_over_thirty_hosts_is_one_incident_on_the_scanner_and_never_joins_an_attack()
    {
        var scanner = TestAlerts.NewHost();
        var targets = Enumerable.Range(0, 30).Select(_ => TestAlerts.NewHost()).ToArray(); // over the three silos
        var attacked = targets[7];
        await Host(attacked).Observe([TestAlerts.On(attacked, Severity.High) with { Title = "Credential dumping", Technique = "T1003.001" }]);
        var attack = (await Host(attacked).GetView()).OpenIncidentId!;

        var probes = targets.Select((t, i) => Probe(scanner, t, i + 1)).ToArray();
        foreach (var probe in probes)
        {
            // The front door gives each alert to every host it names; the first decides.
            await Task.WhenAll(probe.Hosts.Select(h => Host(h).Observe([probe])));
        }

        var sweep = (await Host(scanner).GetView()).OpenIncidentId;
        Assert.NotNull(sweep);
        var sweepView = (await Incident(sweep).GetView(100))!;
        Assert.Equal(30, sweepView.Summary.AlertCount); // the newest 20 kept (this cluster keeps 20)
        Assert.Contains(sweepView.Alerts[0].Triage!.Reasons, r => r.Detail.Contains("reconnaissance from", StringComparison.Ordinal));
        Assert.Empty(sweepView.LateralMovement);

        foreach (var target in targets.Where(t => t != attacked))
        {
            var view = await Host(target).GetView();
            Assert.Null(view.OpenIncidentId);
            Assert.Single(view.RecentAlerts); // kept on the host it scanned, for an analyst who looks there
        }

        var attackView = (await Incident(attack).GetView(100))!;
        Assert.Null(attackView.MergedInto);
        Assert.Null(sweepView.MergedInto);
        Assert.Equal(["Credential dumping"], attackView.Alerts.Select(a => a.Title));
        Assert.Equal(attack, (await Host(attacked).GetView()).OpenIncidentId);
    }

    [Fact]
    public async Task A_scan_from_a_host_already_in_an_attack_goes_into_that_attacks_incident_and_draws_no_host_in()
    {
        var attacker = TestAlerts.NewHost();
        await Host(attacker).Observe([TestAlerts.On(attacker, Severity.High) with { Title = "Credential dumping", Technique = "T1003.001" }]);
        var attack = (await Host(attacker).GetView()).OpenIncidentId!;

        var scanned = TestAlerts.NewHost();
        var probe = Probe(attacker, scanned, 3);
        await Task.WhenAll(probe.Hosts.Select(h => Host(h).Observe([probe])));

        Assert.Contains((await Incident(attack).GetView(100))!.Alerts, a => a.Id == probe.Id);
        Assert.Null((await Host(scanned).GetView()).OpenIncidentId); // looking at a host is not moving to it
    }
}

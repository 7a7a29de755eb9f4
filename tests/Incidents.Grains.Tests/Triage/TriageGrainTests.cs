using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Tests.Triage;

/// <summary>Triage in the grains: every alert decided once on its host, shown in the host's and the incident's views.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TriageGrainTests(ClusterFixture fixture)
{
    private IHostGrain Host(string key) => fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key("t1", key));

    private IIncidentGrain Incident(string id) => fixture.Grains.GetGrain<IIncidentGrain>(TenantScoped.Key("t1", id));

    private static AlertSummary Titled(string host, Severity severity, string title, int minute = 0, string? technique = null) =>
        TestAlerts.On(host, severity, minute) with { Title = title, Technique = technique };

    [Fact]
    public async Task On_a_host_in_an_incident_an_informational_alert_is_recorded_and_a_low_one_joins_each_with_its_reasons()
    {
        var host = TestAlerts.NewHost();
        await Host(host).Observe([Titled(host, Severity.High, "Credential dumping")]);
        await Host(host).Observe([Titled(host, Severity.Info, "DNS lookup of a CDN", 5), Titled(host, Severity.Low, "Unsigned binary ran", 6)]);

        var view = await Host(host).GetView();
        var byTitle = view.RecentAlerts.ToDictionary(a => a.Title, a => a.Triage!);
        // Each rule new to the host and to the estate in its hour (+5, +5): 70 + 10; 0 + 10 + 15 for the incident, below
        // JoinAt (30); 20 + 10 + 15.
        Assert.Equal((TriageDecision.Opened, 80), (byTitle["Credential dumping"].Decision, byTitle["Credential dumping"].Score));
        Assert.Equal((TriageDecision.Recorded, 25), (byTitle["DNS lookup of a CDN"].Decision, byTitle["DNS lookup of a CDN"].Score));
        Assert.Equal((TriageDecision.Joined, 45), (byTitle["Unsigned binary ran"].Decision, byTitle["Unsigned binary ran"].Score));
        Assert.Contains(byTitle["Unsigned binary ran"].Reasons, r => r.Kind == TriageReasonKinds.Context && r.Detail.Contains(view.OpenIncidentId!, StringComparison.Ordinal));

        var incident = await Incident(view.OpenIncidentId!).GetView(100);
        Assert.Equal(["Credential dumping", "Unsigned binary ran"], incident!.Alerts.Select(a => a.Title).Order());
        Assert.All(incident.Alerts, a => Assert.NotNull(a.Triage));
    }

    [Fact]
    public async Task A_low_alert_whose_technique_is_lateral_movement_opens_an_incident()
    {
        var host = TestAlerts.NewHost();
        await Host(host).Observe([Titled(host, Severity.Low, "Pass the hash", technique: "T1550.002")]);

        var view = await Host(host).GetView();
        Assert.NotNull(view.OpenIncidentId);
        Assert.Equal(TriageDecision.Opened, view.RecentAlerts.Single().Triage!.Decision);
    }

    [Fact]
    public async Task The_same_alerts_in_any_order_and_replayed_get_the_same_decisions_and_the_same_incident()
    {
        (Severity Severity, string Title)[] alerts =
            [(Severity.High, "Credential dumping"), (Severity.Low, "Unsigned binary ran"), (Severity.Info, "DNS lookup of a CDN"), (Severity.Medium, "New service")];
        int[][] orders = [[0, 1, 2, 3], [2, 1, 0, 3], [1, 2, 3, 0], [3, 2, 1, 0]];
        var outcomes = new List<string>();
        foreach (var order in orders)
        {
            var host = TestAlerts.NewHost();
            var sent = order.Select(i => Titled(host, alerts[i].Severity, alerts[i].Title, minute: i)).ToArray();
            foreach (var alert in sent)
            {
                await Host(host).Observe([alert]);
            }

            await Host(host).Observe(sent); // replayed: decided once, nothing changes
            var view = await Host(host).GetView();
            var incident = await Incident(view.OpenIncidentId!).GetView(100);
            outcomes.Add(string.Join("; ", view.RecentAlerts.OrderBy(a => a.Title, StringComparer.Ordinal)
                .Select(a => $"{a.Title}: {a.Triage!.Decision} {a.Triage.Score}"))
                + " | incident: " + string.Join(", ", incident!.Alerts.Select(a => a.Title).Order(StringComparer.Ordinal)));
        }

        Assert.All(outcomes, o => Assert.Equal(outcomes[0], o));
        Assert.DoesNotContain("DNS lookup of a CDN", outcomes[0][outcomes[0].IndexOf('|', StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}

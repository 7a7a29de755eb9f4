using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Tests.Triage;

/// <summary>A tenant's suppressions, as hosts on every silo apply them: matching alerts open nothing, a lateral one still does.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SuppressionTests(ClusterFixture fixture)
{
    private static Suppression Scanner(string id) => new()
    {
        Id = id, Source = "10.9.9.0/24", Reason = "the nightly vulnerability scan", Author = "admin-ana", CreatedAt = DateTimeOffset.UtcNow,
    };

    private static AlertSummary FromScanner(string host, string? technique = null) => TestAlerts.On(host, Severity.Critical) with
    {
        Title = "ET SCAN Nmap OS detection", Technique = technique,
        Src = new EndpointSummary("10.9.9.5", 40000, null, null, true),
    };

    [Fact]
    public async Task A_scan_from_the_suppressed_network_opens_nothing_on_any_host_but_a_lateral_technique_still_opens()
    {
        var tenant = $"sup-{Guid.NewGuid():N}"[..20];
        var suppressions = fixture.Grains.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(tenant));
        Assert.NotNull(await suppressions.Add(Scanner("0123456789abcdef")));

        var hosts = Enumerable.Range(0, 12).Select(_ => TestAlerts.NewHost()).ToArray(); // spread over the three silos
        foreach (var host in hosts)
        {
            await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).Observe([FromScanner(host)]);
        }

        foreach (var host in hosts)
        {
            var view = await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).GetView();
            Assert.Null(view.OpenIncidentId);
            var triage = view.RecentAlerts.Single().Triage!;
            Assert.Equal(TriageDecision.Suppressed, triage.Decision);
            Assert.Contains(triage.Reasons, r => r.Kind == TriageReasonKinds.Suppression && r.Detail.Contains("nightly vulnerability scan", StringComparison.Ordinal));
            Assert.Equal("0123456789abcdef", triage.SuppressedBy);
            Assert.Equal(1, view.Suppressed["0123456789abcdef"]);
        }

        var lateral = TestAlerts.NewHost();
        await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, lateral)).Observe([FromScanner(lateral, technique: "T1021.006")]);
        Assert.NotNull((await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, lateral)).GetView()).OpenIncidentId);
    }

    [Fact]
    public async Task Once_removed_a_suppression_stops_applying_within_the_refresh()
    {
        var tenant = $"sup-{Guid.NewGuid():N}"[..20];
        var suppressions = fixture.Grains.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(tenant));
        await suppressions.Add(Scanner("fedcba9876543210"));
        var first = TestAlerts.NewHost();
        await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, first)).Observe([FromScanner(first)]);
        Assert.Equal(TriageDecision.Suppressed, (await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, first)).GetView()).RecentAlerts.Single().Triage!.Decision);

        Assert.Equal("fedcba9876543210", (await suppressions.Remove("fedcba9876543210"))?.Id);
        Assert.Null(await suppressions.Remove("fedcba9876543210"));
        Assert.Empty((await suppressions.List()).Suppressions);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        TriageDecision? decision = null;
        while (decision != TriageDecision.Opened && DateTimeOffset.UtcNow < deadline)
        {
            var host = TestAlerts.NewHost();
            await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).Observe([FromScanner(host)]);
            decision = (await fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).GetView()).RecentAlerts.Single().Triage!.Decision;
        }

        Assert.Equal(TriageDecision.Opened, decision);
    }
}

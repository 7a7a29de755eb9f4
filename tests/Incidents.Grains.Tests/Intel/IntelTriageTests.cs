using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Intel;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Tests.Intel;

/// <summary>Threat intelligence in triage: a hit opens whatever the tool said, raises its incident, is never suppressed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IntelTriageTests(ClusterFixture fixture)
{
    private readonly string _tenant = $"intel-{Guid.NewGuid():N}"[..22];

    private IHostGrain Host(string key) => fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(_tenant, key));

    private static AlertSummary To(string host, string address, Severity severity = Severity.Low) => TestAlerts.On(host, severity) with
    {
        Title = "Outbound TLS to a rare host", RuleId = "2033001", Technique = null,
        Dst = new EndpointSummary(address, 443, null, null, false),
    };

    private async Task Know(params Indicator[] indicators)
    {
        foreach (var indicator in indicators)
        {
            var grain = indicator.Kind == IndicatorKind.Network
                ? (Task<int?>)fixture.Grains.GetGrain<IIntelNetworksGrain>(IntelBook.NetworksKey(_tenant)).Put([indicator])
                : fixture.Grains.GetGrain<IIntelShardGrain>(IntelBook.ShardKey(_tenant, IntelBook.Shard(indicator.Key))).Put([indicator]);
            Assert.NotNull(await grain);
        }
    }

    private static Indicator Bad(IndicatorKind kind, string value, DateTimeOffset? until = null) => new()
    {
        Kind = kind, Value = value, Source = "cti-team", Confidence = 90, Name = "Cobalt Strike C2", ValidUntil = until,
    };

    [Fact]
    public async Task A_low_alert_to_a_known_command_and_control_address_opens_a_high_incident_that_no_suppression_hides()
    {
        await Know(Bad(IndicatorKind.Ip, "185.220.101.4"));
        var suppressions = fixture.Grains.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(_tenant));
        await suppressions.Add(new Suppression
        {
            Id = "00000000000000c2", RuleId = "2033001", Reason = "rare-host TLS is noise", Author = "admin", CreatedAt = DateTimeOffset.UtcNow,
        });

        var host = TestAlerts.NewHost();
        await Host(host).Observe([To(host, "185.220.101.4")]);

        var view = await Host(host).GetView();
        var triage = view.RecentAlerts.Single().Triage!;
        Assert.Equal(TriageDecision.Opened, triage.Decision);
        Assert.Contains(triage.Reasons, r => r.Kind == TriageReasonKinds.Intel && r.Points >= 25 && r.Detail.Contains("cti-team", StringComparison.Ordinal));
        Assert.Contains(triage.Reasons, r => r.Kind == TriageReasonKinds.Suppression && r.Detail.Contains("never hides an intelligence hit", StringComparison.Ordinal));
        var incident = await fixture.Grains.GetGrain<IIncidentGrain>(TenantScoped.Key(_tenant, view.OpenIncidentId!)).GetView(10);
        Assert.Equal(Severity.High, incident!.Summary.Severity);
    }

    [Fact]
    public async Task A_network_indicator_holds_its_addresses_and_an_expired_one_holds_nothing()
    {
        await Know(Bad(IndicatorKind.Network, "223.166.0.0/15"), Bad(IndicatorKind.Ip, "198.51.100.77", until: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var inside = TestAlerts.NewHost();
        await Host(inside).Observe([To(inside, "223.167.1.9")]);
        var outside = TestAlerts.NewHost();
        await Host(outside).Observe([To(outside, "223.168.0.1"), To(outside, "198.51.100.77")]);

        Assert.Contains((await Host(inside).GetView()).RecentAlerts.Single().Triage!.Reasons, r => r.Kind == TriageReasonKinds.Intel && r.Detail.Contains("223.166.0.0/15", StringComparison.Ordinal));
        var quiet = await Host(outside).GetView();
        Assert.All(quiet.RecentAlerts, a => Assert.DoesNotContain(a.Triage!.Reasons, r => r.Kind == TriageReasonKinds.Intel));
        Assert.Null(quiet.OpenIncidentId);
    }
}

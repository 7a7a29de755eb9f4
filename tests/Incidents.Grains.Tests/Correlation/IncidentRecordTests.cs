using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Grains.Correlation;
using Incidents.Grains.Incidents;

namespace Incidents.Grains.Tests.Correlation;

/// <summary>The incident's rules as plain code: no cluster, no polling.</summary>
public sealed class IncidentRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly IncidentState _state = new();
    private readonly IncidentRecord _record;

    public IncidentRecordTests()
    {
        _record = new IncidentRecord(_state, new CorrelationOptions { IncidentAlertsKept = 3 });
        _record.Begin(Now, Now, "Opened by host b");
    }

    [Fact]
    public void The_host_whose_alerts_they_are_is_a_member_and_other_hosts_they_name_are_related()
    {
        Assert.True(_record.Take("b", [TestAlerts.On("b", Severity.Low, 0, "x")], [], Now));

        Assert.Equal(["b"], _state.Hosts);
        Assert.Equal(["x"], _state.RelatedHosts);
        Assert.DoesNotContain(_state.Timeline, e => e.Text.Contains("Host x", StringComparison.Ordinal));
    }

    [Fact]
    public void A_step_makes_both_its_ends_members_and_a_related_host_stops_being_one()
    {
        _record.Take("b", [TestAlerts.On("b", Severity.Low, 0, "x")], [], Now);
        _record.Take("", [], [Edge("x", "b")], Now);

        Assert.Equal(["b", "x"], _state.Hosts);
        Assert.Empty(_state.RelatedHosts);
        Assert.Equal(1, _record.StepsDrawn);
        Assert.Contains(IncidentRecord.LateralMovementCategory, _state.Categories);
    }

    [Fact]
    public void An_alert_is_counted_once_and_the_newest_are_kept()
    {
        var alerts = Enumerable.Range(0, 5).Select(i => TestAlerts.On("b", Severity.Low, i)).ToArray();
        Assert.True(_record.Take("b", alerts, [], Now));
        Assert.False(_record.Take("b", alerts[3..], [], Now));

        Assert.Equal(5, _state.AlertCount);
        Assert.Equal(alerts[2..].Select(a => a.Id), _state.Alerts.Select(a => a.Id));
    }

    [Fact]
    public void A_merged_incident_is_taken_in_once_with_its_members_and_related_hosts()
    {
        var other = new IncidentState();
        var merging = new IncidentRecord(other, new CorrelationOptions());
        merging.Begin(Now, Now, "Opened by host c");
        merging.Take("c", [TestAlerts.On("c", Severity.Critical, 0, "y")], [], Now);
        var handover = merging.Handover("ffff");

        _record.Take("b", [TestAlerts.On("b")], [], Now);
        _record.Absorb(handover, [Edge("b", "c")], Now);
        _record.Absorb(handover, [Edge("b", "c")], Now);

        Assert.Equal(["b", "c"], _state.Hosts);
        Assert.Equal(["y"], _state.RelatedHosts);
        Assert.Equal(2, _state.AlertCount);
        Assert.Equal(Severity.Critical, _state.Severity);
        Assert.Single(_state.Absorbed);
    }

    [Theory]
    [InlineData("a1", "a1", "a1", null)]
    [InlineData("a1", "a2", "a2", "a1")]
    [InlineData("a2", "a1", "a2", "a1")]
    public void A_merge_of_a_merged_incident_runs_towards_the_smaller_id(string mergedInto, string survivor, string target, string? mergeInto) =>
        Assert.Equal((target, mergeInto), IncidentRecord.MergeRoute(mergedInto, survivor));

    private static LateralEdge Edge(string from, string to) => new(from, to, Now, "T1021.002", "T1021.002", [], []);
}

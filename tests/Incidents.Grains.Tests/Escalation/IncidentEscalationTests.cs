using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Escalation;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Response;
using Incidents.Grains.Correlation;
using Incidents.Grains.Escalation;
using Incidents.Grains.Incidents;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>An incident's escalation as plain rules: routing, re-routing, the clock, stopping, the notices and the response figures.</summary>
public sealed class IncidentEscalationTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Opened = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static (IncidentState State, IncidentRecord Record) Incident(params AlertSummary[] alerts)
    {
        var state = new IncidentState();
        var record = new IncidentRecord(state, new CorrelationOptions());
        record.Begin(Opened, Opened, "Opened by test");
        record.Take("ws-1", alerts.Length > 0 ? alerts : [TestAlerts.On("ws-1")], [], Opened);
        return (state, record);
    }

    private static AlertSummary Exfil() => TestAlerts.On("ws-1") with
    {
        Title = "ET POLICY Large Outbound Transfer to External Host",
        Category = "Potential Corporate Privacy Violation",
        Technique = "T1048",
        Dst = new EndpointSummary("192.0.2.7", 443, null, null, IsInternal: false),
    };

    [Fact]
    public void An_incident_is_routed_once_to_the_team_its_alerts_call_for_with_the_reason_in_its_timeline()
    {
        var (state, record) = Incident(Exfil());
        Assert.Contains("exfiltration", state.Categories);
        Assert.Contains("TA0010", state.Tactics);

        Assert.True(record.Escalation.Route(Id, EscalationPolicies.Default, Opened.AddSeconds(1)));
        Assert.False(record.Escalation.Route(Id, EscalationPolicies.Default, Opened.AddSeconds(2))); // the same team: nothing new

        var view = record.View(Id, 10)!;
        Assert.Equal(("data-security", 0, "on-call analyst"), (view.Escalation!.Team, view.Escalation.Level, view.Escalation.LevelName));
        Assert.Equal(Opened.AddSeconds(1).AddMinutes(15), view.Escalation.Deadline);
        Assert.Equal("data-security", view.Summary.Team);
        Assert.Contains(view.Timeline, e => e.Kind == "escalation" && e.Text.Contains("route 'data exfiltration': category exfiltration", StringComparison.Ordinal));

        var notice = Assert.Single(record.Escalation.Untold);
        Assert.Equal((EscalationEventKind.Routed, $"{Id}:1", "data-security", "on-call analyst"), (notice.Kind, notice.EventId, notice.Team, notice.Level));
        record.Escalation.Told([notice]);
        Assert.Empty(record.Escalation.Untold);
    }

    [Fact]
    public void A_lateral_step_reroutes_it_to_the_endpoint_team_and_restarts_the_clock_there()
    {
        var (state, record) = Incident();
        record.Escalation.Route(Id, EscalationPolicies.Default, Opened);
        Assert.Equal("soc", state.Escalation!.Route.Team);

        record.Take("", [], [new LateralEdge("ws-1", "ws-2", Opened, "T1021.002", "smb", [], [])], Opened.AddMinutes(5));
        Assert.True(record.Escalation.Route(Id, EscalationPolicies.Default, Opened.AddMinutes(5)));

        var escalation = record.View(Id, 10)!.Escalation!;
        Assert.Equal(("endpoint", 0, Opened.AddMinutes(20)), (escalation.Team, escalation.Level, escalation.Deadline));
        Assert.Equal([EscalationEventKind.Routed, EscalationEventKind.Rerouted], escalation.Steps.Select(s => s.Kind));
        Assert.Contains("Re-routed from team soc to team endpoint", escalation.Steps[^1].Reason, StringComparison.Ordinal);
        Assert.Equal([$"{Id}:1", $"{Id}:2"], record.Escalation.Untold.Select(n => n.EventId));
    }

    [Fact]
    public void Nobody_acknowledging_escalates_it_level_by_level_and_each_level_is_taken_once()
    {
        var (state, record) = Incident();
        record.Escalation.Route(Id, EscalationPolicies.Default, Opened);

        Assert.False(record.Escalation.Tick(Id, Opened.AddMinutes(14)));
        Assert.True(record.Escalation.Tick(Id, Opened.AddMinutes(15)));
        Assert.False(record.Escalation.Tick(Id, Opened.AddMinutes(15))); // a reminder and a timer both firing
        Assert.Equal((1, Opened.AddMinutes(30), true), (state.Escalation!.Level, state.Escalation.Deadline, state.Escalation.Breached));

        Assert.True(record.Escalation.Tick(Id, Opened.AddMinutes(31)));
        Assert.Equal((2, (DateTimeOffset?)null), (state.Escalation.Level, state.Escalation.Deadline));
        Assert.Equal(["on-call analyst", "team lead", "security manager"], record.Escalation.Untold.Select(n => n.Level));
        Assert.Equal(EscalationEventKind.Escalated, record.Escalation.Untold[^1].Kind);
    }

    [Fact]
    public void Acknowledging_stops_the_clock_and_tells_the_team_once()
    {
        var (state, record) = Incident();
        record.Escalation.Route(Id, EscalationPolicies.Default, Opened);
        Assert.Equal(ActionResult.Done, record.Workflow.Apply(new Acknowledge { Actor = "alice" }, Opened.AddMinutes(3)).Result);
        Assert.True(record.Escalation.Stop(Id, EscalationEventKind.Acknowledged, "alice", Opened.AddMinutes(3)));
        Assert.False(record.Escalation.Stop(Id, EscalationEventKind.Acknowledged, "alice", Opened.AddMinutes(3)));

        Assert.Null(state.Escalation!.Deadline);
        Assert.False(record.Escalation.Tick(Id, Opened.AddHours(2)));
        Assert.Equal(0, state.Escalation.Level);
        Assert.Equal((EscalationEventKind.Acknowledged, "alice"), (record.Escalation.Untold[^1].Kind, record.Escalation.Untold[^1].Actor));
    }

    [Fact]
    public void An_acknowledged_incident_rerouted_tells_the_new_team_without_starting_a_clock()
    {
        var (state, record) = Incident();
        record.Escalation.Route(Id, EscalationPolicies.Default, Opened);
        record.Workflow.Apply(new Acknowledge { Actor = "alice" }, Opened.AddMinutes(1));
        record.Escalation.Stop(Id, EscalationEventKind.Acknowledged, "alice", Opened.AddMinutes(1));

        record.Take("ws-1", [Exfil()], [], Opened.AddMinutes(2));
        Assert.True(record.Escalation.Route(Id, EscalationPolicies.Default, Opened.AddMinutes(2)));
        Assert.Equal(("data-security", (DateTimeOffset?)null), (state.Escalation!.Route.Team, state.Escalation.Deadline));
    }

    [Fact]
    public void A_team_an_analyst_chose_is_kept_when_routing_changes()
    {
        var (state, record) = Incident();
        record.Escalation.Route(Id, EscalationPolicies.Default, Opened);
        record.Workflow.Apply(new Assign { Actor = "alice", Assignee = "bob", Team = "forensics" }, Opened.AddMinutes(1));
        record.Take("ws-1", [Exfil()], [], Opened.AddMinutes(2));
        record.Escalation.Route(Id, EscalationPolicies.Default, Opened.AddMinutes(2));
        Assert.Equal(("forensics", "data-security"), (state.Team, state.Escalation!.Route.Team));
    }

    [Fact]
    public void A_resolved_or_merged_incident_is_not_routed_and_its_clock_stops()
    {
        var (state, record) = Incident();
        record.Escalation.Route(Id, EscalationPolicies.Default, Opened);
        record.MarkMerged("00000000000000000000000000000000", Opened.AddMinutes(1));
        Assert.True(record.Escalation.Tick(Id, Opened.AddMinutes(1)));
        Assert.Null(state.Escalation!.Deadline);
        Assert.False(record.Escalation.Tick(Id, Opened.AddHours(1)));

        var (_, resolved) = Incident();
        resolved.Workflow.Apply(new ChangeStatus { Actor = "alice", Status = IncidentStatus.Resolved, Reason = "test", Classification = Classification.Benign }, Opened);
        Assert.False(resolved.Escalation.Route(Id, EscalationPolicies.Default, Opened));
    }

    [Fact]
    public void Each_response_measure_is_told_once_when_known_and_a_drill_tells_none()
    {
        var alert = TestAlerts.On("ws-1") with { ReceivedAt = Opened.AddSeconds(-2) };
        var (state, record) = Incident(alert);
        record.Escalation.Route(Id, EscalationPolicies.Default, Opened.AddSeconds(1));

        var first = ResponseMilestones.Due(state, Id);
        Assert.Equal([ResponseMeasure.Triage, ResponseMeasure.Escalation], first.Select(m => m.Measure));
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)], first.Select(m => m.Took));
        Assert.All(first, m => Assert.Equal("soc", m.Team));
        ResponseMilestones.Told(state, first);
        Assert.Empty(ResponseMilestones.Due(state, Id));

        record.Escalation.Tick(Id, Opened.AddMinutes(20));
        record.Workflow.Apply(new Acknowledge { Actor = "alice" }, Opened.AddMinutes(21));
        var later = ResponseMilestones.Due(state, Id);
        Assert.Equal([ResponseMeasure.Acknowledge, ResponseMeasure.Breach], later.Select(m => m.Measure));
        Assert.Equal(TimeSpan.FromMinutes(21), later[0].Took);

        var (drillState, drill) = Incident();
        drillState.Drill = "d1";
        drill.Escalation.Route(Id, EscalationPolicies.Default, Opened);
        Assert.Empty(ResponseMilestones.Due(drillState, Id));
        Assert.True(Assert.Single(drill.Escalation.Untold).Drill);
    }

    [Fact]
    public void What_enrichment_finds_of_its_hosts_zone_and_criticality_can_route_it()
    {
        var policy = EscalationPolicies.Default with
        {
            Teams = [.. EscalationPolicies.Default.Teams, new("ot", "Operational technology")],
            Routes = [new() { Name = "plant floor", When = [new() { Zones = ["ot"] }], Team = "ot", Levels = EscalationPolicies.Default.Routes[0].Levels }, .. EscalationPolicies.Default.Routes],
        };
        var (state, record) = Incident();
        record.Escalation.Route(Id, policy, Opened);
        Assert.Equal("soc", state.Escalation!.Route.Team);

        record.Enriched(new Contracts.Enrichment.EnrichmentEffect { Covered = Contracts.Enrichment.EnrichmentCounts.None, Criticality = 4, Zone = "OT" }, Opened.AddSeconds(1));
        Assert.True(record.Escalation.Route(Id, policy, Opened.AddSeconds(1)));
        Assert.Equal("ot", state.Escalation.Route.Team);
        Assert.Contains("zone OT", state.Escalation.Steps[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drills_alert_marks_its_incident_which_teaches_the_rule_books_nothing()
    {
        var (state, record) = Incident(TestAlerts.On("drill-0123456789ab-ws1") with { Drill = "0123456789ab" });
        Assert.Equal("0123456789ab", state.Drill);
        Assert.Contains("drill", state.Tags);

        record.Workflow.Apply(new ChangeStatus { Actor = "drill", Status = IncidentStatus.Resolved, Reason = "Drill ended", Classification = Classification.Benign }, Opened);
        Assert.Null(record.UntoldVerdict(Id, Opened));
    }

    [Fact]
    public void A_merge_carries_the_tactics_and_the_ticked_tasks_to_the_survivor()
    {
        var (mergedState, merged) = Incident(Exfil());
        mergedState.Tasks.AddRange([new IncidentTask("exfiltration-1", "exfiltration", "Find what left") { Done = true, DoneBy = "alice" }, new IncidentTask("default-1", "default", "Confirm")]);
        var (survivorState, survivor) = Incident();
        survivorState.Tasks.Add(new IncidentTask("default-1", "default", "Confirm"));

        survivor.Absorb(merged.Handover("ffffffffffffffffffffffffffffffff"), [], Opened.AddMinutes(1));
        Assert.Contains("TA0010", survivorState.Tactics);
        Assert.Equal(["default-1", "exfiltration-1"], survivorState.Tasks.Select(t => t.Id).Order());
        Assert.True(survivorState.Tasks.Single(t => t.Id == "exfiltration-1").Done);
        Assert.True(survivor.Escalation.Route(Id, EscalationPolicies.Default, Opened.AddMinutes(1)));
        Assert.Equal("data-security", survivorState.Escalation!.Route.Team);
    }
}

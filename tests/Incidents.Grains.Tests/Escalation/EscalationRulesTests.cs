using Incidents.Contracts.Alerts;
using Incidents.Contracts.Escalation;
using Incidents.Grains.Escalation;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>Routing and the escalation clock as plain rules (issue 17's first part): the shipped policy's routes, and what is due when.</summary>
public sealed class EscalationRulesTests
{
    private static readonly DateTimeOffset Routed = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly EscalationRoute Route = EscalationPolicies.Default.Routes[^1];

    private static string? TeamOf(IncidentFacts incident) => IncidentRouting.Choose(EscalationPolicies.Default, incident)?.Team;

    [Fact]
    public void The_shipped_policy_routes_exfiltration_lateral_movement_and_command_and_control_to_their_teams_and_the_rest_to_the_soc()
    {
        Assert.Equal("data-security", TeamOf(new() { Categories = ["exfiltration"] }));
        Assert.Equal("data-security", TeamOf(new() { Tactics = ["TA0010"] }));
        Assert.Equal("endpoint", TeamOf(new() { Categories = ["Lateral-Movement"] }));
        Assert.Equal("network", TeamOf(new() { Tactics = ["TA0011"] }));
        Assert.Equal("network", TeamOf(new() { Categories = ["malware"], IntelHits = 1 }));
        Assert.Equal("soc", TeamOf(new() { Categories = ["malware"], Severity = Severity.Critical }));

        // In order: an attack that moved and then took data out is the data team's first.
        Assert.Equal("data-security", TeamOf(new() { Categories = ["lateral-movement", "exfiltration"] }));
    }

    [Fact]
    public void A_condition_holds_when_every_field_it_gives_does()
    {
        var crownJewels = new RouteCondition { MinCriticality = 5, MinSeverity = Severity.High, Zones = ["crown-jewel"] };
        Assert.True(IncidentRouting.Holds(crownJewels, new() { Criticality = 5, Severity = Severity.High, Zone = "crown-jewel" }));
        Assert.False(IncidentRouting.Holds(crownJewels, new() { Criticality = 5, Severity = Severity.Medium, Zone = "crown-jewel" }));
        Assert.False(IncidentRouting.Holds(crownJewels, new() { Criticality = null, Severity = Severity.High, Zone = "crown-jewel" }));
        Assert.False(IncidentRouting.Holds(crownJewels, new() { Criticality = 5, Severity = Severity.High, Zone = null }));
        Assert.True(IncidentRouting.Holds(new RouteCondition { Tags = ["vip", "pci"] }, new() { Tags = ["PCI"] }));
    }

    [Fact]
    public void Nobody_acknowledging_escalates_level_by_level_at_each_deadline()
    {
        Assert.Equal(new EscalationDue(null, Routed.AddMinutes(15), null), EscalationClock.Due(Route, Routed, 0, acknowledged: false, Routed.AddMinutes(14)));

        var lead = EscalationClock.Due(Route, Routed, 0, acknowledged: false, Routed.AddMinutes(15));
        Assert.Equal((1, Routed.AddMinutes(30)), (lead.Level, lead.Deadline));
        Assert.Equal("not acknowledged within 15 min: team lead", lead.Reason);

        var manager = EscalationClock.Due(Route, Routed, 1, acknowledged: false, Routed.AddMinutes(30));
        Assert.Equal((2, (DateTimeOffset?)null), (manager.Level, manager.Deadline));
        Assert.Equal(EscalationDue.Nothing, EscalationClock.Due(Route, Routed, 2, acknowledged: false, Routed.AddHours(5)));
    }

    [Fact]
    public void A_clock_that_slept_past_two_deadlines_goes_to_the_level_due_once_and_acknowledging_stops_it()
    {
        var late = EscalationClock.Due(Route, Routed, 0, acknowledged: false, Routed.AddMinutes(40));
        Assert.Equal((2, (DateTimeOffset?)null), (late.Level, late.Deadline));

        Assert.Equal(EscalationDue.Nothing, EscalationClock.Due(Route, Routed, 0, acknowledged: true, Routed.AddMinutes(40)));
    }
}

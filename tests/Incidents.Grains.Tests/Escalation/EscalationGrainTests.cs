using Incidents.Contracts.Alerts;
using Incidents.Contracts.Escalation;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Tests.Enrichment;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>Incidents routed and escalated in a cluster: the policy grain, the incident's timer, acknowledging.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EscalationGrainTests(ClusterFixture fixture)
{
    private readonly string _tenant = $"esc-{Guid.NewGuid():N}"[..20];

    private IIncidentGrain Incident(string id) => fixture.Grains.GetGrain<IIncidentGrain>(TenantScoped.Key(_tenant, id));

    private IEscalationPolicyGrain Policy => fixture.Grains.GetGrain<IEscalationPolicyGrain>(EscalationPolicies.Key(_tenant));

    private async Task<string> OpenIncident(AlertSummary alert)
    {
        var host = fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(_tenant, alert.Hosts[0]));
        await host.Observe([alert]);
        return (await host.GetView()).OpenIncidentId ?? throw new InvalidOperationException("no incident opened");
    }

    [Fact]
    public async Task A_new_incident_reaches_its_team_under_the_shipped_policy()
    {
        var host = TestAlerts.NewHost();
        var id = await OpenIncident(TestAlerts.On(host) with { Title = "ET CNC Feodo Tracker Reported CnC Server", Technique = "T1071.001" });

        var view = await Poll.Until(() => Incident(id).GetView(0), v => v?.Escalation is not null);
        Assert.Equal(("network", "command and control", 0L), (view!.Escalation!.Team, view.Escalation.Route, view.Escalation.PolicyVersion));
        Assert.Equal(("network", "on-call analyst"), (view.Summary.Team, view.Summary.EscalationLevel));
        Assert.Equal(view.Escalation.RoutedAt.AddMinutes(15), view.Summary.EscalationDeadline);
    }

    [Fact]
    public async Task Nobody_acknowledging_escalates_level_by_level_on_the_tenants_own_policy_and_acknowledging_stops_it()
    {
        var quick = await Policy.Replace(new EscalationPolicy
        {
            Teams = [new("soc", "SOC")],
            Routes = [new() { Name = "all", Team = "soc", Levels = [new("analyst", TimeSpan.Zero), new("lead", TimeSpan.FromSeconds(1)), new("manager", TimeSpan.FromSeconds(2))] }],
        }, ifVersion: 0);
        Assert.Equal((PolicyChangeResult.Replaced, 1L), (quick.Result, quick.Policy.Version));
        Assert.Equal(PolicyChangeResult.Stale, (await Policy.Replace(quick.Policy, ifVersion: 0)).Result);

        // The silos' copies of the policy are refreshed within 200 ms here: an incident opened after that is routed by it.
        await Poll.Until(async () => await OpenAndRoute(), v => v.Escalation!.Route == "all");
        var id = await OpenIncident(TestAlerts.On(TestAlerts.NewHost()));
        var escalated = await Poll.Until(() => Incident(id).GetView(0), v => v?.Escalation?.Level == 2);
        Assert.Equal(["analyst", "lead", "manager"], escalated!.Escalation!.Steps.Select(s => s.Kind == EscalationEventKind.Routed ? "analyst" : s.Reason.Split(' ')[2]));
        Assert.True(escalated.Escalation.Breached);
        Assert.Null(escalated.Escalation.Deadline);

        var acknowledged = await OpenIncident(TestAlerts.On(TestAlerts.NewHost()));
        await Poll.Until(() => Incident(acknowledged).GetView(0), v => v?.Escalation is not null);
        Assert.Equal(ActionResult.Done, (await Incident(acknowledged).Act(new Acknowledge { Actor = "alice" })).Result);
        var stopped = (await Incident(acknowledged).GetView(0))!.Escalation!;
        Assert.Equal((0, (DateTimeOffset?)null, false), (stopped.Level, stopped.Deadline, stopped.Breached));
        Assert.Equal(EscalationEventKind.Acknowledged, stopped.Steps[^1].Kind);
    }

    private async Task<IncidentView> OpenAndRoute()
    {
        var id = await OpenIncident(TestAlerts.On(TestAlerts.NewHost()));
        return (await Poll.Until(() => Incident(id).GetView(0), v => v?.Escalation is not null))!;
    }

    [Fact]
    public async Task A_draft_policy_is_tried_without_being_stored()
    {
        var trial = await Policy.TryRoute(new IncidentFacts { Tactics = ["TA0010"] }, draft: null);
        Assert.Equal(("data exfiltration", "data-security", "Data security", "tactic TA0010"), (trial.Route!.Name, trial.Route.Team, trial.Team!.Name, trial.Because));

        var broken = await Policy.TryRoute(new IncidentFacts(), EscalationPolicies.Default with { Routes = [] });
        Assert.NotEmpty(broken.Problems);
        Assert.Equal(0, (await Policy.Current()).Version);
    }
}

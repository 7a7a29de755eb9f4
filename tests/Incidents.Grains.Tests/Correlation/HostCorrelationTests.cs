using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Hosts;
using Incidents.Grains.Correlation;
using Incidents.Grains.Hosts;
using Incidents.Grains.Triage;

namespace Incidents.Grains.Tests.Correlation;

/// <summary>The rules that put a host in an incident, as plain code: state and input in, decisions out.</summary>
public sealed class HostCorrelationTests
{
    private readonly Scenario _s = new(grains: null!);
    private readonly HostState _state = new();
    private readonly CorrelationOptions _options = new() { SharedServerPeers = 3 };
    private readonly HostRecord _record;
    private readonly HostCorrelation _rules;

    public HostCorrelationTests()
    {
        _record = new HostRecord(_state, _options, "b");
        _rules = new HostCorrelation(_state, _options, new TriageRules(new TriageOptions()), "t1", "b");
    }

    [Fact]
    public void A_quiet_alert_opens_nothing_and_a_severe_one_opens_an_incident_with_the_hosts_kept_alerts()
    {
        var quiet = Seen(_s.Alert("b", 0, Severity.Low));
        Assert.IsType<HostPlacement.None>(_rules.Place([quiet]));

        var severe = _s.Alert("b", 10, Severity.High);
        var open = Assert.IsType<HostPlacement.Open>(_rules.Place([severe]));
        Assert.Equal([quiet.Id, severe.Id], open.Own.Select(a => a.Id));
        Assert.Equal(Scenario.At(10), open.Since); // from the severe alert, not the quiet one before it
        Assert.Equal(open.IncidentId, Assert.IsType<HostPlacement.Open>(_rules.Place([severe])).IncidentId);
    }

    [Fact]
    public void A_closed_incident_makes_the_next_one_a_new_id_without_the_alerts_filed_in_it()
    {
        var first = Seen(_s.Alert("b", 0));
        var opened = Assert.IsType<HostPlacement.Open>(_rules.Place([first]));
        _rules.Entered(opened.IncidentId, opened.Since);
        _rules.LeaveResolvedIncident();

        var next = _s.Alert("b", 5);
        var reopened = Assert.IsType<HostPlacement.Open>(_rules.Place([next]));
        Assert.NotEqual(opened.IncidentId, reopened.IncidentId);
        Assert.Equal([next.Id], reopened.Own.Select(a => a.Id));
    }

    [Fact]
    public void A_suspicion_draws_the_host_in_only_when_one_of_its_alerts_falls_in_the_window()
    {
        Assert.True(_rules.Suspect(new Suspicion("i1", Edge("a", "b", 0), LateralKind.Alert)));
        Assert.False(_rules.Suspect(new Suspicion("i1", Edge("a", "b", 0), LateralKind.Alert))); // a repeat
        Assert.False(_rules.Suspect(new Suspicion("i1", Edge("a", "c", 0), LateralKind.Alert))); // not for b

        Assert.IsType<HostPlacement.None>(_rules.Place([Seen(_s.Alert("b", -5, Severity.Low))])); // before the step
        var after = _s.Alert("b", 30, Severity.Low);
        var join = Assert.IsType<HostPlacement.Join>(_rules.Place([after]));
        Assert.Equal("i1", join.DrawnBy.Suspicion.IncidentId);
        Assert.Equal(Scenario.At(0), join.Since);
    }

    [Fact]
    public void A_step_to_a_server_many_hosts_reach_the_same_way_is_routine_unless_it_is_a_lateral_technique()
    {
        var reached = new HashSet<string>();
        foreach (var peer in new[] { "p1", "p2", "p3" })
        {
            _record.Witness(_s.AdminShare(peer, "b", -60), reached, []);
        }

        _rules.Suspect(new Suspicion("i1", Edge("a", "b", 0, via: "admin share"), LateralKind.ContextEvent));
        _rules.Suspect(new Suspicion("i2", Edge("c", "b", 0, via: "T1021.002"), LateralKind.Alert));
        Assert.Equal(1, _rules.JudgeRoutine());
        Assert.Equal([SuspicionState.Routine, SuspicionState.Pending], _state.Suspicions.Select(s => s.State));
    }

    [Theory]
    [InlineData("i5", "i5", "i5", null)]
    [InlineData("i5", "i3", "i5", "i3")]
    [InlineData("i3", "i5", "i5", "i3")]
    public void A_pending_suspicion_settles_into_the_smaller_incident_id(string current, string suspected, string target, string? mergeInto)
    {
        _rules.Entered(current, Scenario.At(0));
        _rules.Suspect(new Suspicion(suspected, Edge("a", "b", 10), LateralKind.Alert));
        Assert.Equal((target, mergeInto), _rules.Settle(_rules.Pending().Single()));
    }

    [Fact]
    public void Once_compromised_the_host_tells_the_hosts_it_reached_after_and_the_accounts_that_logged_on()
    {
        var reached = new HashSet<string>();
        _record.Record(_s.Step("b", "c", -30), reached); // before the compromise: not a step of this incident
        _record.Record(_s.Step("b", "d", 20), reached);
        _record.Witness(_s.Logon("x", "b", "corp\\ann", 5), reached, []);
        var before = _rules.Standing;
        _rules.Entered("i1", Scenario.At(0));

        var (hosts, users) = _rules.Announcements(before, [], []);
        Assert.Equal(["d"], hosts.Select(h => h.Edge.To));
        Assert.Equal("i1", hosts[0].IncidentId);
        Assert.Equal([("corp\\ann", new Exposure("b", "i1", Scenario.At(0)))], users);

        // Nothing changed since: only what this call added is told.
        Assert.Empty(_rules.Announcements(_rules.Standing, [], []).Hosts);
    }

    private Contracts.Alerts.AlertSummary Seen(Contracts.Alerts.AlertSummary alert)
    {
        _record.Record(alert, []);
        return alert;
    }

    private static LateralEdge Edge(string from, string to, double minute, string via = "T1021.002") =>
        new(from, to, Scenario.At(minute), via, via, [], []);
}

using Incidents.Contracts.Alerts;
using Incidents.Contracts.Triage;
using Incidents.Grains.Triage;

namespace Incidents.Grains.Tests.Triage;

/// <summary>One alert's triage as plain code: points, context, lateral movement, suppressions, the decision and its reasons.</summary>
public sealed class TriageRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly TriageRules _rules = new(new TriageOptions());

    private static AlertSummary Alert(Severity severity, string? technique = null, string? rule = "2027865", string title = "ET POLICY DNS query to CDN") =>
        TestAlerts.On("ws-7", severity) with
        {
            Source = "suricata",
            RuleId = rule,
            Title = title,
            Technique = technique,
            Src = new EndpointSummary("10.1.2.7", 51234, "ws-7", null, true),
            Dst = new EndpointSummary("93.184.216.34", 53, null, null, false),
            Observables = ["domain:cdn.example.net"],
        };

    private static Suppression Suppress(string? rule = null, string? title = null, string? source = null, string? observable = null, DateTimeOffset? expires = null) => new()
    {
        Id = "s1", RuleId = rule, Title = title, Source = source, Observable = observable,
        Reason = "CDN lookups are routine", Author = "admin-ana", CreatedAt = Now.AddDays(-1), ExpiresAt = expires,
    };

    [Theory]
    [InlineData(Severity.Info, TriageDecision.Recorded, 0)]
    [InlineData(Severity.Low, TriageDecision.Recorded, 20)]
    [InlineData(Severity.Medium, TriageDecision.Opened, 45)]
    [InlineData(Severity.Critical, TriageDecision.Opened, 90)]
    public void Alone_the_tools_severity_decides_as_OpenIncidentAt_did(Severity severity, TriageDecision decision, int score)
    {
        var triage = _rules.Decide(Alert(severity), TriageContext.None, [], Now);

        Assert.Equal((decision, score), (triage.Decision, triage.Score));
        Assert.Equal(TriageReasonKinds.Severity, Assert.Single(triage.Reasons).Kind);
    }

    [Fact]
    public void On_a_host_in_an_incident_a_low_alert_joins_and_an_informational_one_is_only_recorded()
    {
        var inIncident = new TriageContext("0123abcd", []);

        var low = _rules.Decide(Alert(Severity.Low), inIncident, [], Now);
        var info = _rules.Decide(Alert(Severity.Info), inIncident, [], Now);

        Assert.Equal((TriageDecision.Joined, 35), (low.Decision, low.Score));
        Assert.Contains(low.Reasons, r => r.Kind == TriageReasonKinds.Context && r.Detail.Contains("0123abcd", StringComparison.Ordinal));
        Assert.Equal((TriageDecision.Recorded, 15), (info.Decision, info.Score));
    }

    [Fact]
    public void A_rule_routine_on_its_host_scores_down_and_its_hosts_incident_does_not_draw_it_in()
    {
        var routine = new TriageContext("0123abcd", [new(TriageReasonKinds.Baseline, "fired on this host in 5 of the 24 hours before: routine here", -20)]);

        var medium = _rules.Decide(Alert(Severity.Medium), routine, [], Now);

        Assert.Equal((TriageDecision.Recorded, 25), (medium.Decision, medium.Score));
        Assert.Contains(medium.Reasons, r => r.Kind == TriageReasonKinds.Context && r.Points == 0 && r.Detail.Contains("routine here", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lateral_technique_with_a_low_tool_severity_still_opens_and_says_why()
    {
        var triage = _rules.Decide(Alert(Severity.Info, technique: "T1550.002"), TriageContext.None, [], Now);

        Assert.Equal(TriageDecision.Opened, triage.Decision);
        Assert.Equal(45, triage.Score); // 0, and 45 for the technique: the opening score
        Assert.Contains(triage.Reasons, r => r.Kind == TriageReasonKinds.Lateral && r.Points == 45 && r.Detail.Contains("at least 45", StringComparison.Ordinal));
        Assert.Equal(100, _rules.Decide(Alert(Severity.High, technique: "T1021.002"), TriageContext.None, [], Now).Score); // 70 + 30

        // What verdicts learned still counts: a lateral rule analysts called false positive again and again scores down.
        var distrusted = new TriageContext(null, [new(TriageReasonKinds.Verdict, "9 of 10 false positives", -30)]);
        Assert.Equal(TriageDecision.Recorded, _rules.Decide(Alert(Severity.Info, technique: "T1550.002"), distrusted, [], Now).Decision);
    }

    [Fact]
    public void A_matching_suppression_suppresses_with_its_reason_and_never_hides_a_lateral_technique()
    {
        var suppression = Suppress(rule: "2027865");

        var routine = _rules.Decide(Alert(Severity.Critical), TriageContext.None, [suppression], Now);
        var lateral = _rules.Decide(Alert(Severity.Critical, technique: "T1021.002"), TriageContext.None, [suppression], Now);

        Assert.Equal(TriageDecision.Suppressed, routine.Decision);
        Assert.Contains(routine.Reasons, r => r.Kind == TriageReasonKinds.Suppression && r.Detail.Contains("CDN lookups are routine", StringComparison.Ordinal));
        Assert.Equal(TriageDecision.Opened, lateral.Decision);
        Assert.Contains(lateral.Reasons, r => r.Kind == TriageReasonKinds.Suppression && r.Detail.Contains("never hides", StringComparison.Ordinal));
    }

    [Fact]
    public void Learned_reasons_move_the_score_both_ways()
    {
        var distrusted = new TriageContext(null, [new(TriageReasonKinds.Verdict, "12 of 12 false positives on ws-7", -40)]);
        var firstSeen = new TriageContext(null, [new(TriageReasonKinds.Baseline, "first seen in the estate", 30)]);

        Assert.Equal((TriageDecision.Recorded, 30), Of(_rules.Decide(Alert(Severity.High), distrusted, [], Now)));
        Assert.Equal((TriageDecision.Opened, 50), Of(_rules.Decide(Alert(Severity.Low), firstSeen, [], Now)));
        Assert.Equal(0, _rules.Decide(Alert(Severity.Info), distrusted, [], Now).Score); // never below 0

        static (TriageDecision, int) Of(AlertTriage t) => (t.Decision, t.Score);
    }

    [Theory]
    [InlineData("2027865", null, null, null, true)]
    [InlineData("2027866", null, null, null, false)]
    [InlineData(null, "et policy dns*", null, null, true)]
    [InlineData(null, "*to CDN", null, null, true)]
    [InlineData(null, "ET POLICY", null, null, false)] // a pattern matches the whole title
    [InlineData(null, "et policy dns query to cdn", null, null, true)]
    [InlineData(null, "ET*DNS*CDN", null, null, true)]
    [InlineData(null, "ET*CDN*CDN", null, null, false)] // each part once, in order
    [InlineData(null, "ET POLICY DNS*query to CDN*", null, null, true)] // a star may stand for nothing
    [InlineData(null, null, "10.1.0.0/16", null, true)]
    [InlineData(null, null, "10.2.0.0/16", null, false)]
    [InlineData(null, null, "10.1.2.7", null, true)]
    [InlineData(null, null, null, "DOMAIN:cdn.example.net", true)]
    [InlineData("2027865", null, "10.2.0.0/16", null, false)] // every field given must match
    public void A_suppression_matches_on_every_field_it_gives(string? rule, string? title, string? source, string? observable, bool matches)
    {
        Assert.Equal(matches, SuppressionMatch.Matches(Suppress(rule, title, source, observable), Alert(Severity.Low), Now));
    }

    [Fact]
    public void An_expired_suppression_matches_nothing_and_a_title_pattern_is_literal_but_for_its_stars()
    {
        Assert.False(SuppressionMatch.Matches(Suppress(rule: "2027865", expires: Now), Alert(Severity.Low), Now));
        Assert.True(SuppressionMatch.Matches(Suppress(rule: "2027865", expires: Now.AddSeconds(1)), Alert(Severity.Low), Now));
        Assert.False(SuppressionMatch.Matches(Suppress(title: "ET.POLICY.*"), Alert(Severity.Low), Now)); // '.' is a dot
        Assert.True(SuppressionMatch.Matches(Suppress(title: "ET (x)*"), Alert(Severity.Low, title: "ET (x) y"), Now));
    }
}

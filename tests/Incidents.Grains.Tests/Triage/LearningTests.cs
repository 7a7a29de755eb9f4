using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Tests.Triage;

/// <summary>Triage that learns: baselines that quiet a chatty rule, verdicts that weigh rules and propose suppressions.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LearningTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    private readonly string _tenant = $"learn-{Guid.NewGuid():N}"[..22];

    private IHostGrain Host(string key) => fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key(_tenant, key));

    private IIncidentGrain Incident(string id) => fixture.Grains.GetGrain<IIncidentGrain>(TenantScoped.Key(_tenant, id));

    private IRuleBookGrain Shard(string rule) => fixture.Grains.GetGrain<IRuleBookGrain>(RuleBook.Key(_tenant, RuleBook.Shard(rule)));

    private static AlertSummary Fired(string host, string rule, string title, Severity severity, DateTimeOffset at) =>
        TestAlerts.On(host, severity) with { RuleId = rule, Title = title, Time = at, Source = "suricata" };

    private async Task<AlertSummary> Send(string host, AlertSummary alert)
    {
        await Host(host).Observe([alert]);
        return (await Host(host).GetView()).RecentAlerts.Single(a => a.Id == alert.Id);
    }

    [Fact]
    public async Task A_chatty_policy_rule_on_one_server_all_day_stops_filling_its_incident_and_the_same_rule_is_news_on_a_host_new_to_it()
    {
        var server = TestAlerts.NewHost();
        var decisions = new List<(int Hour, AlertTriage Triage)>();
        for (var minutes = 0; minutes < 12 * 60; minutes += 20)
        {
            var alert = await Send(server, Fired(server, "2013028", "ET POLICY curl User-Agent Outbound", Severity.Medium, Morning.AddMinutes(minutes)));
            decisions.Add((minutes / 60, alert.Triage!));
        }

        // Hours 0-2 open and fill one incident; from the fourth hour the rule is routine on this server.
        Assert.All(decisions.Where(d => d.Hour < 3), d => Assert.Equal(TriageDecision.Opened, d.Triage.Decision));
        Assert.All(decisions.Where(d => d.Hour >= 3), d =>
        {
            Assert.Equal(TriageDecision.Recorded, d.Triage.Decision);
            Assert.Contains(d.Triage.Reasons, r => r.Kind == TriageReasonKinds.Baseline && r.Points == -20 && r.Detail.Contains("routine here", StringComparison.Ordinal));
        });
        var view = await Host(server).GetView();
        Assert.Equal(9, (await Incident(view.OpenIncidentId!).GetView(100))!.Summary.AlertCount);

        // The same rule on a host that never saw it: news there, not routine.
        var laptop = TestAlerts.NewHost();
        var news = (await Send(laptop, Fired(laptop, "2013028", "ET POLICY curl User-Agent Outbound", Severity.Medium, Morning.AddHours(6)))).Triage!;
        Assert.Equal(TriageDecision.Opened, news.Decision);
        Assert.Contains(news.Reasons, r => r.Kind == TriageReasonKinds.Baseline && r.Points == 5 && r.Detail.Contains("on this host", StringComparison.Ordinal));
        Assert.DoesNotContain(news.Reasons, r => r.Points < 0);
    }

    [Fact]
    public async Task False_positives_of_a_rule_on_a_host_weigh_it_down_propose_a_suppression_and_once_accepted_its_alerts_are_suppressed_and_counted()
    {
        const string rule = "2100498";
        const string title = "GPL ATTACK_RESPONSE id check returned root";
        var host = TestAlerts.NewHost();
        var incidents = new List<string>();
        for (var day = 0; day < 3; day++)
        {
            var alert = await Send(host, Fired(host, rule, title, Severity.High, Morning.AddDays(day)));
            Assert.Equal(TriageDecision.Opened, alert.Triage!.Decision);
            var incident = (await Host(host).GetView()).OpenIncidentId!;
            incidents.Add(incident);
            Assert.Equal(ActionResult.Done, (await Incident(incident).Act(new ChangeStatus
            {
                Actor = "analyst-ana", Status = IncidentStatus.Resolved, Reason = "a health check's id command", Classification = Classification.FalsePositive,
            })).Result);
        }

        // Told before each resolution was answered: the proposal is there, with its evidence.
        var proposal = Assert.Single(await Shard(rule).Proposals(), p => p.Host == host);
        Assert.Equal((rule, ProposalStatus.Open, 3), (proposal.Rule, proposal.Status, proposal.Verdicts.FalsePositive));
        Assert.Equal(incidents, proposal.Incidents);
        var ruleView = Assert.Single(await Shard(rule).Rules(), r => r.Rule == rule);
        Assert.Equal(new VerdictCounts(0, 3, 0), ruleView.Verdicts);
        Assert.Equal(-12, ruleView.Weight); // 20 × (0 − 3) / (3 + 2)

        // Nothing is suppressed until a person accepts it.
        var before = await Send(host, Fired(host, rule, title, Severity.High, Morning.AddDays(3)));
        Assert.NotEqual(TriageDecision.Suppressed, before.Triage!.Decision);
        var accepted = await Shard(rule).Decide(proposal.Id, new ProposalAnswer(true, "admin-ana", null, "00000000000000a1", DateTimeOffset.UtcNow));
        Assert.Equal(ProposalResult.Done, accepted.Result);
        Assert.Equal((rule, host, "admin-ana"), (accepted.Suppression!.RuleId, accepted.Suppression.Host, accepted.Suppression.Author));
        Assert.Equal(ProposalResult.AlreadyDecided, (await Shard(rule).Decide(proposal.Id, new ProposalAnswer(true, "admin-bo", null, "00000000000000a2", DateTimeOffset.UtcNow))).Result);

        var suppressed = await Eventually(async day =>
            await Send(host, Fired(host, rule, title, Severity.High, Morning.AddDays(4).AddMinutes(day))), a => a.Triage!.Decision == TriageDecision.Suppressed);
        Assert.Equal("00000000000000a1", suppressed.Triage!.SuppressedBy);
        Assert.True((await Host(host).GetView()).Suppressed["00000000000000a1"] >= 1);
        var estate = fixture.Grains.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(_tenant));
        await Eventually(async _ => await estate.List(), set => set.Suppressed.GetValueOrDefault("00000000000000a1") >= 1);

        // Elsewhere the rule is not suppressed, but its verdicts weigh it down.
        var other = TestAlerts.NewHost();
        var elsewhere = await Eventually(async minute =>
            await Send(other, Fired(other, rule, title, Severity.High, Morning.AddDays(5).AddMinutes(minute))),
            a => a.Triage!.Reasons.Any(r => r.Kind == TriageReasonKinds.Verdict));
        Assert.NotEqual(TriageDecision.Suppressed, elsewhere.Triage!.Decision);
        Assert.Contains(elsewhere.Triage.Reasons, r => r.Kind == TriageReasonKinds.Verdict && r.Points == -12 && r.Detail.Contains("3 false positive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reopened_incident_withdraws_its_verdict_and_a_rule_with_a_true_positive_on_the_host_is_never_proposed()
    {
        const string rule = "2024897";
        var host = TestAlerts.NewHost();
        string? last = null;
        foreach (var (day, classification) in new[] { (0, Classification.FalsePositive), (1, Classification.FalsePositive), (2, Classification.TruePositive), (3, Classification.FalsePositive) })
        {
            await Send(host, Fired(host, rule, "ET USER_AGENTS Go HTTP Client", Severity.Critical, Morning.AddDays(day)));
            last = (await Host(host).GetView()).OpenIncidentId!;
            await Incident(last).Act(new ChangeStatus { Actor = "ana", Status = IncidentStatus.Resolved, Reason = "r", Classification = classification });
        }

        Assert.DoesNotContain(await Shard(rule).Proposals(), p => p.Host == host);
        await Incident(last!).Act(new ChangeStatus { Actor = "ana", Status = IncidentStatus.Investigating, Reason = "not done after all" });
        var view = Assert.Single(await Shard(rule).Rules(), r => r.Rule == rule);
        Assert.Equal(new VerdictCounts(1, 2, 0), view.Verdicts);
        Assert.Equal(new VerdictCounts(1, 2, 0), Assert.Single(view.ByHost).Verdicts);
    }

    private static async Task<T> Eventually<T>(Func<int, Task<T>> attempt, Func<T, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        for (var i = 0; ; i++)
        {
            var result = await attempt(i);
            if (done(result) || DateTimeOffset.UtcNow > deadline)
            {
                Assert.True(done(result), "not within 15 s");
                return result;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}

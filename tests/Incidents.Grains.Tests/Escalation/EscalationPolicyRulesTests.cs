using Incidents.Contracts.Escalation;
using Incidents.Grains.Escalation;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>What makes a policy one the system can follow: each problem named by where it is.</summary>
public sealed class EscalationPolicyRulesTests
{
    private static readonly EscalationLevel[] Levels = [new("on-call", TimeSpan.Zero), new("lead", TimeSpan.FromMinutes(10))];

    [Fact]
    public void The_shipped_policy_is_valid() => Assert.Empty(EscalationPolicyRules.Problems(EscalationPolicies.Default));

    [Fact]
    public void Each_broken_rule_is_named_by_its_place()
    {
        var policy = new EscalationPolicy
        {
            Teams = [new("soc", "SOC"), new("soc", "Again"), new("Bad Id", "x")],
            Routes =
            [
                new() { Name = "vip", When = [new() { Tactics = ["lateral"], MinCriticality = 9 }], Team = "nobody", Levels = [new("first", TimeSpan.FromMinutes(1))] },
                new() { Name = "slow", Team = "soc", Levels = [new("a", TimeSpan.Zero), new("b", TimeSpan.Zero)] },
                new() { Name = "last", When = [new() { Tags = ["x"] }], Team = "soc", Levels = Levels },
            ],
        };

        var problems = EscalationPolicyRules.Problems(policy);
        Assert.Contains(problems, p => p.StartsWith("'teams[1].id': 'soc' is named twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'teams[2].id'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'routes[0].team'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'routes[0].levels[0].after'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'routes[0].when[0].tactics'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'routes[0].when[0].minCriticality'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'routes[1].levels[1].after'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'routes[2].when': the last route is the default", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_lists_are_problems_not_faults()
    {
        Assert.NotEmpty(EscalationPolicyRules.Problems(new EscalationPolicy { Teams = null!, Routes = null! }));
        Assert.NotEmpty(EscalationPolicyRules.Problems(new EscalationPolicy
        {
            Teams = [new("soc", "SOC")],
            Routes = [new() { Name = "r", Team = "soc", Levels = null!, When = null! }],
        }));
    }

    [Fact]
    public void Routing_says_which_condition_took_it()
    {
        var route = EscalationPolicies.Default.Routes[2];
        Assert.Equal("an intelligence hit", IncidentRouting.Because(route, new IncidentFacts { IntelHits = 2 }));
        Assert.Equal("tactic TA0011", IncidentRouting.Because(route, new IncidentFacts { Tactics = ["TA0011"] }));
        Assert.Equal("no other route matched", IncidentRouting.Because(EscalationPolicies.Default.Routes[^1], new IncidentFacts()));
    }
}

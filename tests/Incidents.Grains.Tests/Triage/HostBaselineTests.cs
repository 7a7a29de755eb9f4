using Incidents.Contracts.Alerts;
using Incidents.Contracts.Triage;
using Incidents.Grains.Triage;

namespace Incidents.Grains.Tests.Triage;

/// <summary>A host's baseline as plain code: hours by event time, routine rules, rules new to the host, bounded.</summary>
public sealed class HostBaselineTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TriageOptions _options = new();

    private static AlertSummary Fired(string rule, DateTimeOffset at) => TestAlerts.On("srv-1", Severity.Medium) with { RuleId = rule, Time = at };

    [Fact]
    public void A_rule_new_to_the_host_scores_up_and_one_that_fired_in_three_of_the_last_24_hours_is_routine()
    {
        var baseline = new HostBaseline([], _options);

        var first = baseline.Judge(Fired("2013504", Midnight))!;
        Assert.Equal((TriageReasonKinds.Baseline, 5), (first.Kind, first.Points));
        for (var hour = 0; hour < 3; hour++)
        {
            baseline.Count(Fired("2013504", Midnight.AddHours(hour).AddMinutes(10)));
        }

        Assert.Null(baseline.Judge(Fired("2013504", Midnight.AddHours(2).AddMinutes(50)))); // its own hour does not count
        var routine = baseline.Judge(Fired("2013504", Midnight.AddHours(3)))!;
        Assert.Equal(-20, routine.Points);
        Assert.Contains("3 of the 24 hours", routine.Detail, StringComparison.Ordinal);
        Assert.True(HostBaseline.IsRoutine([routine]));

        Assert.Equal(5, baseline.Judge(Fired("2100498", Midnight.AddHours(3)))!.Points); // another rule is still new here
        Assert.Null(baseline.Judge(Fired("2013504", Midnight.AddHours(30)))); // a day later: only hours 6..29 count
    }

    [Fact]
    public void A_nightly_rule_is_routine_from_its_fourth_night_and_a_week_of_silence_makes_it_new_again()
    {
        var baseline = new HostBaseline([], _options);
        for (var night = 0; night < 3; night++)
        {
            var at = Midnight.AddDays(night).AddHours(2);
            Assert.Equal(night == 0 ? 5 : null, baseline.Judge(Fired("nessus", at))?.Points);
            baseline.Count(Fired("nessus", at));
        }

        Assert.Equal(-20, baseline.Judge(Fired("nessus", Midnight.AddDays(3).AddHours(2)))!.Points);
        Assert.Contains("3 of the 7 days", baseline.Judge(Fired("nessus", Midnight.AddDays(3).AddHours(2)))!.Detail, StringComparison.Ordinal);
        Assert.Equal(5, baseline.Judge(Fired("nessus", Midnight.AddDays(11)))!.Points);
    }

    [Fact]
    public void Late_alerts_count_in_their_own_hour_and_the_hours_shift_across_the_three_words()
    {
        var hours = new RuleHours();
        hours.Add(1000);
        hours.Add(1100); // bit 100: the second word
        hours.Add(1000 - 30);
        hours.Add(1150);
        Assert.True(hours.Has(1000) && hours.Has(970) && hours.Has(1100) && hours.Has(1150));
        Assert.False(hours.Has(1001) || hours.Has(969));
        Assert.Equal(4, hours.Count(970, 201));
        hours.Add(1200); // 970 is now 230 hours back: out of the window
        Assert.False(hours.Has(970) || hours.Has(1000)); // 200 hours back
        Assert.True(hours.Has(1100) && hours.Has(1150) && hours.Has(1200));
        hours.Add(1000 + RuleHours.Window + 500);
        Assert.Equal(1, hours.Count(0, 5000));
    }

    [Fact]
    public void Counting_hours_by_words_agrees_with_asking_each_hour()
    {
        var random = new Random(7);
        for (var run = 0; run < 200; run++)
        {
            var hours = new RuleHours();
            for (var i = random.Next(1, 60); i > 0; i--)
            {
                hours.Add(10_000 + random.Next(400));
            }

            var first = 10_000 + random.Next(-50, 450);
            var count = random.Next(0, 250);
            var asked = Enumerable.Range(0, count).Count(h => hours.Has(first + h));
            Assert.Equal(asked, hours.Count(first, count));
        }
    }

    [Fact]
    public void A_host_keeps_a_bounded_baseline_and_forgets_the_rule_longest_silent()
    {
        var rules = new List<RuleHours>();
        var baseline = new HostBaseline(rules, new TriageOptions { HostRulesKept = 3 });
        baseline.Count(Fired("old", Midnight));
        baseline.Count(Fired("b", Midnight.AddHours(5)));
        baseline.Count(Fired("c", Midnight.AddHours(6)));
        baseline.Count(Fired("d", Midnight.AddHours(7)));

        Assert.Equal(["b", "c", "d"], rules.Select(r => r.Rule).Order());
    }
}

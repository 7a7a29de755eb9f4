using Incidents.Contracts.Alerts;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Triage;

/// <summary>
/// One host's baseline, by event time: in which hours each rule fired here. A rule that fired in enough of the hours
/// (or days) before an alert's hour is routine here and scores down; one that never fired here scores up. Only whole
/// hours before the alert's own count, so the alerts of one hour are judged the same in any order.
/// </summary>
public sealed class HostBaseline
{
    private readonly List<RuleHours> _rules;
    private readonly Dictionary<string, RuleHours> _byRule;
    private readonly TriageOptions _options;

    public HostBaseline(List<RuleHours> rules, TriageOptions options)
    {
        _rules = rules;
        _options = options;
        _byRule = rules.ToDictionary(r => r.Rule, StringComparer.Ordinal);
    }

    /// <summary>What this host's past says of the alert's rule (before the alert is counted).</summary>
    public TriageReason? Judge(AlertSummary alert)
    {
        var rule = RuleKey.Of(alert);
        var hour = RuleKey.Hour(alert.Time);
        if (!_byRule.TryGetValue(rule, out var hours) || hours.Count(hour - RuleHours.Window + 1, RuleHours.Window - 1) == 0)
        {
            return ReasonCache.Get(TriageReasonKinds.Baseline, rule, _options.NewOnHostPoints, Variants.NewOnHost, rule, r => $"first time {RuleKey.Describe(r)} on this host in 8 days");
        }

        var lastDay = hours.Count(hour - 24, 24);
        if (lastDay >= _options.UsualHours)
        {
            return ReasonCache.Get(TriageReasonKinds.Baseline, rule, -_options.UsualPoints, Variants.UsualHours + lastDay, (rule, lastDay),
                s => $"{RuleKey.Describe(s.rule)} fired on this host in {s.lastDay} of the 24 hours before: routine here");
        }

        var dayStart = hour - Mod(hour, 24);
        var days = 0;
        for (var d = 1; d <= 7; d++)
        {
            days += hours.Count(dayStart - (d * 24), 24) > 0 ? 1 : 0;
        }

        return days >= _options.UsualDays
            ? ReasonCache.Get(TriageReasonKinds.Baseline, rule, -_options.UsualPoints, Variants.UsualDays + days, (rule, days),
                s => $"{RuleKey.Describe(s.rule)} fired on this host on {s.days} of the 7 days before: routine here")
            : null;
    }

    public void Count(AlertSummary alert)
    {
        var rule = RuleKey.Of(alert);
        if (!_byRule.TryGetValue(rule, out var hours))
        {
            if (_rules.Count >= _options.HostRulesKept)
            {
                var quietest = _rules.MinBy(r => r.Newest)!; // the rule longest silent here
                _rules.Remove(quietest);
                _byRule.Remove(quietest.Rule);
            }

            hours = new RuleHours { Rule = rule };
            _rules.Add(hours);
            _byRule.Add(rule, hours);
        }

        hours.Add(RuleKey.Hour(alert.Time));
    }

    /// <summary>Whether a reason says the alert's rule is routine on its host: then its host's incident says nothing of it.</summary>
    public static bool IsRoutine(IEnumerable<TriageReason> reasons) =>
        reasons.Any(r => r.Kind == TriageReasonKinds.Baseline && r.Points < 0);

    /// <summary>What else a cached baseline reason's text depends on.</summary>
    internal static class Variants
    {
        public const int NewOnHost = 1;
        public const int NewInEstate = 2;
        public const int UsualHours = 100;
        public const int UsualDays = 200;
    }

    private static long Mod(long value, long by) => ((value % by) + by) % by;
}

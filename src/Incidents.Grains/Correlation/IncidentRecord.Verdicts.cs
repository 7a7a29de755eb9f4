using Incidents.Contracts.Alerts;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Correlation;

/// <summary>What an incident tells triage when it is resolved: its classification of each rule in it, and where it fired.</summary>
public sealed partial class IncidentRecord
{
    public const int RulesKept = 64;
    public const int RuleHostsKept = 16;

    /// <summary>A verdict to tell the rule books: the classification changed since they were last told (resolved, or reopened).</summary>
    public IncidentVerdict? UntoldVerdict(string id, DateTimeOffset now) =>
        _state.Classification == _state.VerdictTold || _state.Drill is not null // a drill teaches triage nothing
            ? null
            : new IncidentVerdict(id, _state.Classification, [.. _state.RuleHosts.Select(r => new RuleHosts(r.Key, [.. r.Value]))], now);

    public void VerdictTold(IncidentVerdict verdict) => _state.VerdictTold = verdict.Classification;

    private static bool IsIntelHit(AlertSummary alert) =>
        alert.Triage?.Reasons.Any(r => r.Kind == TriageReasonKinds.Intel) == true;

    /// <summary>Only triaged alerts teach triage; the first <see cref="RulesKept"/> rules, each on its first hosts.</summary>
    private void CountRule(AlertSummary alert)
    {
        if (alert.Triage is null)
        {
            return;
        }

        var rule = RuleKey.Of(alert);
        if (!_state.RuleHosts.TryGetValue(rule, out var hosts))
        {
            if (_state.RuleHosts.Count >= RulesKept)
            {
                return;
            }

            _state.RuleHosts[rule] = hosts = [];
        }

        if (hosts.Count < RuleHostsKept && !hosts.Contains(alert.PrimaryHost, StringComparer.Ordinal))
        {
            hosts.Add(alert.PrimaryHost);
        }
    }
}

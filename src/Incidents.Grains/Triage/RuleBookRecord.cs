using System.Security.Cryptography;
using System.Text;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Triage;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Triage;

/// <summary>
/// The rules of one rule book shard, without messaging or storage: tallies counted by event time, verdicts counted once
/// per incident, proposals made from them, views for people. Everything it keeps is bounded.
/// </summary>
public sealed class RuleBookRecord(RuleBookState state, TriageOptions options, int shard)
{
    public const int RulesKept = 2_000;
    public const int HostVerdictsKept = 256;
    public const int HistoryKept = 20;
    public const int VerdictsKept = 5_000;
    public const int ProposalsKept = 500;
    public const int HoursKept = 48;
    public const int DaysKept = 14;
    public const int TenantDaysKept = 30;

    public long Version => state.Version;

    public void Tally(RuleTally tally)
    {
        var alerts = tally.Suppressed + tally.Recorded + tally.Opened + tally.Joined;
        var day = Day(tally.Hour);
        if (!state.Rules.TryGetValue(tally.Rule, out var rule))
        {
            rule = Add(tally.Rule, tally.Title, tally.Hour);
        }
        else if (tally.Hour < rule.FirstHour)
        {
            rule.FirstHour = tally.Hour;
            state.Version++;
        }

        rule.LastHour = Math.Max(rule.LastHour, tally.Hour);
        rule.Decisions = rule.Decisions.Add(tally);
        rule.IncidentsOpened += tally.IncidentsOpened;
        Bump(rule.Hours, tally.Hour, alerts, rule.LastHour - HoursKept + 1);
        Bump(rule.Days, day, alerts, Day(rule.LastHour) - DaysKept + 1);
        if (rule.Hosts.Count < RuleView.HostsCounted && !rule.Hosts.Contains(tally.Host, StringComparer.Ordinal))
        {
            rule.Hosts.Add(tally.Host);
        }

        var totals = state.Days.GetValueOrDefault(day) ?? new TriageDay(DateOnly.FromDayNumber(0), DecisionCounts.None, 0);
        state.Days[day] = new TriageDay(DayOf(day), totals.Decisions.Add(tally), totals.IncidentsOpened + tally.IncidentsOpened);
        if (state.Days.Count > TenantDaysKept)
        {
            state.Days.Remove(state.Days.Keys.Min());
        }
    }

    /// <summary>Counts an incident's verdict (withdrawing what it counted before); returns the proposals it made.</summary>
    public IReadOnlyList<TriageProposal> Judge(IncidentVerdict verdict)
    {
        if (state.Verdicts.Remove(verdict.IncidentId, out var before))
        {
            state.VerdictOrder.Remove(verdict.IncidentId);
            Count(before.Rules, before.Classification, -1, verdict);
        }

        state.Version++;
        if (verdict.Classification is not { } classification)
        {
            return [];
        }

        Count(verdict.Rules, classification, +1, verdict);
        state.Verdicts[verdict.IncidentId] = new CountedVerdict(classification, verdict.Rules);
        state.VerdictOrder.Add(verdict.IncidentId);
        if (state.VerdictOrder.Count > VerdictsKept)
        {
            state.Verdicts.Remove(state.VerdictOrder[0]);
            state.VerdictOrder.RemoveAt(0);
        }

        foreach (var entry in verdict.Rules)
        {
            if (state.Rules.TryGetValue(entry.Rule, out var rule))
            {
                rule.History.Add(new VerdictEntry(verdict.IncidentId, classification, verdict.At));
                rule.History.TrimToNewest(HistoryKept);
            }
        }

        return [.. verdict.Rules.SelectMany(r => r.Hosts.Select(h => Propose(r.Rule, h, verdict.At))).OfType<TriageProposal>()];
    }

    public RuleKnowledge Knowledge() => new(state.Version, state.Rules.ToDictionary(
        r => r.Key,
        r => new RuleLearned(r.Value.FirstHour, r.Value.Verdicts, r.Value.ByHost.ToDictionary(h => h.Key, h => h.Value.Verdicts, StringComparer.Ordinal)),
        StringComparer.Ordinal));

    public IEnumerable<RuleView> Views() => state.Rules.Select(r => View(r.Key, r.Value));

    public IReadOnlyList<TriageProposal> Proposals => state.Proposals;

    public TriageProposal? Proposal(string id) => state.Proposals.Find(p => p.Id == id);

    public void Decided(TriageProposal decided)
    {
        var index = state.Proposals.FindIndex(p => p.Id == decided.Id);
        state.Proposals[index] = decided;
    }

    public IEnumerable<TriageDay> Totals() => state.Days.OrderBy(d => d.Key).Select(d => d.Value);

    /// <summary>The suppression an accepted proposal makes: its rule on its host, with its evidence as the reason.</summary>
    public static Suppression SuppressionFor(TriageProposal proposal, ProposalAnswer answer) => new()
    {
        Id = answer.SuppressionId,
        RuleId = RuleKey.RuleId(proposal.Rule),
        Title = RuleKey.Title(proposal.Rule),
        Host = proposal.Host,
        Reason = $"proposal {proposal.Id} accepted: {RuleKey.Describe(proposal.Rule)} on {proposal.Host} had "
            + $"{VerdictWeight.Describe(proposal.Verdicts)} (incidents {string.Join(", ", proposal.Incidents)})",
        Author = answer.Author,
        CreatedAt = answer.At,
    };

    private RuleRecord Add(string key, string title, long hour)
    {
        if (state.Rules.Count >= RulesKept)
        {
            // The one longest silent, those without verdicts first: a verdict is what a person taught.
            var leaving = state.Rules.MinBy(r => (r.Value.Verdicts.Total > 0, r.Value.LastHour)).Key;
            state.Rules.Remove(leaving);
        }

        var rule = new RuleRecord { Title = title, FirstHour = hour, LastHour = hour };
        state.Rules[key] = rule;
        state.Version++;
        return rule;
    }

    private void Count(IReadOnlyList<RuleHosts> rules, Classification classification, int by, IncidentVerdict verdict)
    {
        var incidentId = verdict.IncidentId;
        foreach (var entry in rules)
        {
            if (!state.Rules.TryGetValue(entry.Rule, out var rule))
            {
                if (by < 0)
                {
                    continue; // forgotten since: nothing to withdraw
                }

                rule = Add(entry.Rule, RuleKey.Title(entry.Rule) ?? entry.Rule, RuleKey.Hour(verdict.At));
            }

            rule.Verdicts = rule.Verdicts.Add(classification, by);
            foreach (var host in entry.Hosts)
            {
                if (!rule.ByHost.TryGetValue(host, out var record))
                {
                    if (by < 0)
                    {
                        continue;
                    }

                    if (rule.ByHost.Count >= HostVerdictsKept)
                    {
                        rule.ByHost.Remove(rule.ByHost.MinBy(h => h.Value.Verdicts.Total).Key);
                    }

                    rule.ByHost[host] = record = new HostVerdictRecord();
                }

                record.Verdicts = record.Verdicts.Add(classification, by);
                if (classification is not Classification.TruePositive)
                {
                    record.NotThreats.Remove(incidentId);
                    if (by > 0)
                    {
                        record.NotThreats.Add(incidentId);
                        record.NotThreats.TrimToNewest(TriageProposal.IncidentsKept);
                    }
                }
            }
        }
    }

    /// <summary>
    /// A proposal to suppress the rule on the host once it has enough false positives there and no true positive; an
    /// open one takes the new evidence; a rejected one is proposed again only after as many more.
    /// </summary>
    private TriageProposal? Propose(string ruleKey, string host, DateTimeOffset now)
    {
        if (!state.Rules.TryGetValue(ruleKey, out var rule) || !rule.ByHost.TryGetValue(host, out var record) || record.Verdicts.TruePositive > 0)
        {
            return null;
        }

        var earlier = state.Proposals.FindLastIndex(p => p.Rule == ruleKey && p.Host == host);
        var previous = earlier < 0 ? null : state.Proposals[earlier];
        switch (previous?.Status)
        {
            case ProposalStatus.Open:
                state.Proposals[earlier] = previous with { Verdicts = record.Verdicts, Incidents = [.. record.NotThreats] };
                return null;
            case ProposalStatus.Accepted:
                return null;
        }

        var threshold = (previous?.Verdicts.NotThreats ?? 0) + options.ProposeAfter;
        if (record.Verdicts.NotThreats < threshold)
        {
            return null;
        }

        var proposal = new TriageProposal
        {
            Id = ProposalId(ruleKey, host, state.Proposals.Count(p => p.Rule == ruleKey && p.Host == host)),
            Rule = ruleKey,
            Title = rule.Title,
            Host = host,
            Verdicts = record.Verdicts,
            Incidents = [.. record.NotThreats],
            ProposedAt = now,
        };
        state.Proposals.Add(proposal);
        if (state.Proposals.Count > ProposalsKept)
        {
            var oldest = state.Proposals.FindIndex(p => p.Status != ProposalStatus.Open);
            state.Proposals.RemoveAt(oldest < 0 ? 0 : oldest);
        }

        return proposal;
    }

    /// <summary>16 hex digits, the first the shard's, so that an answer goes straight to the shard that holds it.</summary>
    private string ProposalId(string rule, string host, int generation)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{rule}\n{host}\n{generation}"));
        return $"{shard:x1}{Convert.ToHexStringLower(hash)[..15]}";
    }

    private RuleView View(string key, RuleRecord rule)
    {
        var lastDay = Day(rule.LastHour);
        return new RuleView
        {
            Rule = key,
            Title = rule.Title,
            FirstSeen = DateTimeOffset.FromUnixTimeSeconds(rule.FirstHour * 3600),
            LastSeen = DateTimeOffset.FromUnixTimeSeconds(rule.LastHour * 3600),
            Alerts = rule.Decisions.Total,
            Decisions = rule.Decisions,
            IncidentsOpened = rule.IncidentsOpened,
            Last24Hours = rule.Hours.Where(h => h.Key > rule.LastHour - 24).Sum(h => h.Value),
            PerDay = [.. rule.Days.Where(d => d.Key > lastDay - RuleView.DaysShown).OrderBy(d => d.Key).Select(d => new DayCount(DayOf(d.Key), d.Value))],
            Hosts = rule.Hosts.Count,
            Verdicts = rule.Verdicts,
            ByHost = [.. rule.ByHost.OrderByDescending(h => h.Value.Verdicts.NotThreats).ThenBy(h => h.Key, StringComparer.Ordinal)
                .Select(h => new HostVerdicts(h.Key, h.Value.Verdicts, VerdictWeight.Points(h.Value.Verdicts, options.HostVerdictPoints)))],
            History = [.. rule.History],
            Weight = VerdictWeight.Points(rule.Verdicts, options.VerdictPoints),
        };
    }

    private static void Bump(Dictionary<long, long> counts, long key, long by, long oldestKept)
    {
        counts[key] = counts.GetValueOrDefault(key) + by;
        foreach (var old in counts.Keys.Where(k => k < oldestKept).ToArray())
        {
            counts.Remove(old);
        }
    }

    private static long Day(long hour) => (long)Math.Floor(hour / 24.0);

    private static DateOnly DayOf(long day) => DateOnly.FromDayNumber((int)(day + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber));
}

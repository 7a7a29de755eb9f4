using Incidents.Contracts.Incidents;
using Incidents.Contracts.Triage;
using Incidents.Grains.Triage;

namespace Incidents.Grains.Tests.Triage;

/// <summary>A rule book shard as plain code: counts by event time, verdicts counted once, proposals, bounds.</summary>
public sealed class RuleBookRecordTests
{
    private static readonly long Hour0 = RuleKey.Hour(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RuleBookState _state = new();
    private readonly RuleBookRecord _book;

    public RuleBookRecordTests() => _book = new RuleBookRecord(_state, new TriageOptions(), shard: 3);

    private static RuleTally Tally(string rule, string host, long hour, int recorded = 1, int opened = 0) => // an opened alert opened its incident
        new(rule, $"Rule {rule}", host, hour, 0, recorded, opened, 0, opened);

    private static IncidentVerdict Verdict(string incident, Classification? classification, string rule = "r1", params string[] hosts) =>
        new(incident, classification, [new RuleHosts(rule, hosts.Length == 0 ? ["h1"] : hosts)], DateTimeOffset.UnixEpoch.AddHours(Hour0));

    [Fact]
    public void Tallies_count_by_event_hour_and_day_and_an_earlier_hour_moves_the_first_seen_and_the_version()
    {
        _book.Tally(Tally("r1", "h1", Hour0 + 30, opened: 1));
        var version = _book.Version;
        _book.Tally(Tally("r1", "h2", Hour0 + 31, recorded: 4));
        Assert.Equal(version, _book.Version); // counts alone change nothing hosts score by
        _book.Tally(Tally("r1", "h1", Hour0 + 2));
        Assert.True(_book.Version > version);

        var view = Assert.Single(_book.Views());
        Assert.Equal((7L, 1L, 2), (view.Alerts, view.IncidentsOpened, view.Hosts));
        Assert.Equal(6, view.Last24Hours); // hours 8..31: 2 in hour 30, 4 in hour 31
        Assert.Equal([new DayCount(new DateOnly(2026, 12, 1), 1), new DayCount(new DateOnly(2026, 12, 2), 6)], view.PerDay);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), view.FirstSeen);
        Assert.Equal(Hour0 + 2, _book.Knowledge().Rules["r1"].FirstHour);
        Assert.Equal([1L, 6L], _book.Totals().Select(d => d.Decisions.Total));
        Assert.Equal([0L, 1L], _book.Totals().Select(d => d.IncidentsOpened));
    }

    [Fact]
    public void A_verdict_counts_once_per_incident_and_a_changed_mind_replaces_it()
    {
        _book.Judge(Verdict("i1", Classification.FalsePositive));
        _book.Judge(Verdict("i1", Classification.FalsePositive)); // retried
        Assert.Equal(new VerdictCounts(0, 1, 0), _book.Knowledge().Rules["r1"].Verdicts);

        _book.Judge(Verdict("i1", null)); // reopened
        _book.Judge(Verdict("i1", Classification.TruePositive)); // resolved again, the other way
        Assert.Equal(new VerdictCounts(1, 0, 0), _book.Knowledge().Rules["r1"].Verdicts);
        Assert.Equal(new VerdictCounts(1, 0, 0), _book.Knowledge().Rules["r1"].ByHost["h1"]);
        Assert.Equal(7, Assert.Single(_book.Views()).Weight); // 20 × 1 / 3
    }

    [Fact]
    public void Three_not_threats_on_one_host_propose_once_and_a_rejection_waits_for_as_many_more()
    {
        Assert.Empty(_book.Judge(Verdict("i1", Classification.FalsePositive, "r1", "h1", "h2")));
        Assert.Empty(_book.Judge(Verdict("i2", Classification.Benign)));
        var proposal = Assert.Single(_book.Judge(Verdict("i3", Classification.FalsePositive)));
        Assert.Equal(("r1", "h1"), (proposal.Rule, proposal.Host));
        Assert.Equal(["i1", "i2", "i3"], proposal.Incidents);
        Assert.StartsWith("3", proposal.Id, StringComparison.Ordinal); // the shard
        Assert.Equal(16, proposal.Id.Length);

        Assert.Empty(_book.Judge(Verdict("i4", Classification.FalsePositive))); // the open one takes the evidence
        Assert.Equal(4, _book.Proposal(proposal.Id)!.Verdicts.NotThreats);

        _book.Decided(_book.Proposal(proposal.Id)! with { Status = ProposalStatus.Rejected });
        Assert.Empty(_book.Judge(Verdict("i5", Classification.FalsePositive)));
        Assert.Empty(_book.Judge(Verdict("i6", Classification.FalsePositive)));
        var again = Assert.Single(_book.Judge(Verdict("i7", Classification.FalsePositive)));
        Assert.NotEqual(proposal.Id, again.Id);
        Assert.Equal(7, again.Verdicts.NotThreats);
    }

    [Fact]
    public void Every_key_has_a_shard_in_range_and_always_the_same()
    {
        var keys = Enumerable.Range(0, 2_000).Select(i => $"rule-{i * 7919}").ToArray();
        Assert.All(keys, k => Assert.InRange(RuleBook.Shard(k), 0, IRuleBookGrain.Shards - 1));
        Assert.All(keys, k => Assert.InRange(Contracts.Intel.IntelBook.Shard(k), 0, Contracts.Intel.IntelBook.Shards - 1));
        Assert.Equal(IRuleBookGrain.Shards, keys.Select(RuleBook.Shard).Distinct().Count());
        Assert.Equal(RuleBook.Shard("2100498"), RuleBook.Shard(new string("2100498".ToCharArray())));
    }

    [Fact]
    public void An_accepted_proposal_suppresses_its_rule_on_its_host_with_its_evidence_as_the_reason()
    {
        var proposal = new TriageProposal
        {
            Id = "3000000000000001", Rule = "title:Nightly backup touched shadow copies", Title = "Nightly backup touched shadow copies", Host = "bk-01",
            Verdicts = new VerdictCounts(0, 2, 1), Incidents = ["a", "b", "c"], ProposedAt = DateTimeOffset.UnixEpoch,
        };

        var suppression = RuleBookRecord.SuppressionFor(proposal, new ProposalAnswer(true, "admin-ana", null, "00000000000000ff", DateTimeOffset.UnixEpoch));

        Assert.Equal((null, "Nightly backup touched shadow copies", "bk-01", "admin-ana"), (suppression.RuleId, suppression.Title, suppression.Host, suppression.Author));
        Assert.Contains("2 false positive, 1 benign", suppression.Reason, StringComparison.Ordinal);
        Assert.Contains("incidents a, b, c", suppression.Reason, StringComparison.Ordinal);
    }
}

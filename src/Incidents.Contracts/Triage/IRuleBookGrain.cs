using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Triage;

/// <summary>
/// One shard of a tenant's rule book: what the estate learned of the rules whose keys hash to it — when each first
/// fired, its counts by hour and day, its decisions, the verdicts of the incidents it was in, and the suppressions those
/// verdicts propose. Hosts never call it: each silo counts what its hosts decided and tells the shards in batches, and
/// reads what they learned through a copy it refreshes, so no alert waits on a rule's shard.
/// Calls only the tenant's suppressions grain (to accept a proposal), which calls nothing.
/// </summary>
[Alias("Incidents.IRuleBookGrain")]
public interface IRuleBookGrain : IGrainWithStringKey
{
    public const int Shards = 8;

    [Alias("Tally")]
    Task Tally(RuleTally[] tallies);

    /// <summary>What hosts need to score alerts; null when nothing they use changed since <paramref name="knownVersion"/>.</summary>
    [ReadOnly]
    [Alias("Knowledge")]
    Task<RuleKnowledge?> Knowledge(long knownVersion);

    [ReadOnly]
    [Alias("Rules")]
    Task<RuleView[]> Rules();

    /// <summary>
    /// An incident's verdict on the rules in it (a reopened incident withdraws it with a null classification); counted
    /// once per incident, so a retry or a change of mind never counts twice.
    /// </summary>
    [Alias("Judge")]
    Task Judge(IncidentVerdict verdict);

    [ReadOnly]
    [Alias("Proposals")]
    Task<TriageProposal[]> Proposals();

    /// <summary>A person's answer to a proposal; accepting adds its suppression, with that person as its author.</summary>
    [Alias("Decide")]
    Task<ProposalOutcome> Decide(string proposalId, ProposalAnswer answer);

    [ReadOnly]
    [Alias("Totals")]
    Task<TriageDay[]> Totals();
}

public static class RuleBook
{
    /// <summary>The shard that holds a rule: a stable hash of its key, the same on every silo and every run.</summary>
    public static int Shard(string ruleKey) => (int)(StableHash.ComputeHash(ruleKey) % IRuleBookGrain.Shards);

    public static string Key(string tenant, int shard) => TenantScoped.Key(tenant, $"rule-book-{shard}");
}

/// <summary>What one silo's hosts decided of one rule on one host in one hour (event time), since the last batch.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.RuleTally")]
public sealed record RuleTally(
    [property: Id(0)] string Rule,
    [property: Id(1)] string Title,
    [property: Id(2)] string Host,
    [property: Id(3)] long Hour,
    [property: Id(4)] int Suppressed,
    [property: Id(5)] int Recorded,
    [property: Id(6)] int Opened,
    [property: Id(7)] int Joined,
    [property: Id(8)] int IncidentsOpened);

/// <summary>Verdicts of one rule: how many incidents it was in were resolved as each classification.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.VerdictCounts")]
public sealed record VerdictCounts(
    [property: Id(0)] int TruePositive,
    [property: Id(1)] int FalsePositive,
    [property: Id(2)] int Benign)
{
    public static readonly VerdictCounts None = new(0, 0, 0);

    public int Total => TruePositive + FalsePositive + Benign;

    /// <summary>False positives and benign: the incidents that were not threats.</summary>
    public int NotThreats => FalsePositive + Benign;

    public VerdictCounts Add(Classification classification, int by) => classification switch
    {
        Classification.TruePositive => this with { TruePositive = TruePositive + by },
        Classification.FalsePositive => this with { FalsePositive = FalsePositive + by },
        _ => this with { Benign = Benign + by },
    };
}

/// <summary>What hosts use of a shard's rules: when each first fired, and its verdicts overall and by host.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.RuleKnowledge")]
public sealed record RuleKnowledge(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyDictionary<string, RuleLearned> Rules);

[GenerateSerializer, Immutable, Alias("Incidents.RuleLearned")]
public sealed record RuleLearned(
    [property: Id(0)] long FirstHour,
    [property: Id(1)] VerdictCounts Verdicts,
    [property: Id(2)] IReadOnlyDictionary<string, VerdictCounts> ByHost);

/// <summary>A resolved (or reopened) incident's classification of the rules in it, each with the hosts it fired on there.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentVerdict")]
public sealed record IncidentVerdict(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] Classification? Classification,
    [property: Id(2)] IReadOnlyList<RuleHosts> Rules,
    [property: Id(3)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("Incidents.RuleHosts")]
public sealed record RuleHosts(
    [property: Id(0)] string Rule,
    [property: Id(1)] IReadOnlyList<string> Hosts);

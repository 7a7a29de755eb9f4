using Incidents.Contracts.Alerts;
using Incidents.Contracts.Triage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Triage;

/// <summary>
/// Each silo's copy of what its tenants' rule books learned (when each rule first fired in the estate, its verdicts),
/// refreshed like suppressions: a shard that changed nothing since the last copy sends nothing.
/// </summary>
public sealed partial class RuleKnowledgeCache
{
    private readonly TenantCopies<EstateKnowledge> _copies;

    public RuleKnowledgeCache(IGrainFactory grains, TimeProvider time, IOptions<TriageOptions> options, ILogger<RuleKnowledgeCache> logger)
    {
        _copies = new(
            async (tenant, previous) =>
            {
                var shards = await Task.WhenAll(Enumerable.Range(0, IRuleBookGrain.Shards).Select(shard =>
                    grains.GetGrain<IRuleBookGrain>(RuleBook.Key(tenant, shard)).Knowledge(previous?.Shards[shard]?.Version ?? -1)));
                return new EstateKnowledge([.. shards.Select((s, i) => s ?? previous?.Shards[i])]);
            },
            EstateKnowledge.Empty, time, () => options.Value.SuppressionRefresh, (tenant, e) => LogFetchFailed(logger, tenant, e.GetType().Name));
    }

    public ValueTask<EstateKnowledge> For(string tenant) => _copies.For(tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule book of tenant {Tenant} not fetched ({Error}): the last copy holds")]
    private static partial void LogFetchFailed(ILogger logger, string tenant, string error);
}

/// <summary>A tenant's rule book shards as a silo last fetched them (null for a shard never fetched).</summary>
public sealed record EstateKnowledge(IReadOnlyList<RuleKnowledge?> Shards)
{
    public static readonly EstateKnowledge Empty = new(new RuleKnowledge?[IRuleBookGrain.Shards]);

    /// <summary>Adds what the estate says of an alert's rule: first seen, and its verdicts overall and on this host.</summary>
    public void Judge(AlertSummary alert, string host, TriageOptions options, List<TriageReason> reasons)
    {
        var rule = RuleKey.Of(alert);
        var learned = Shards[RuleBook.Shard(rule)]?.Rules.GetValueOrDefault(rule);
        if (learned is null || learned.FirstHour >= RuleKey.Hour(alert.Time))
        {
            reasons.Add(ReasonCache.Get(TriageReasonKinds.Baseline, rule, options.NewInEstatePoints, HostBaseline.Variants.NewInEstate, rule, r => $"first time {RuleKey.Describe(r)} in the estate"));
        }

        if (learned is { Verdicts.Total: > 0 } && VerdictWeight.Points(learned.Verdicts, options.VerdictPoints) is var overall)
        {
            reasons.Add(new(TriageReasonKinds.Verdict, $"verdicts on {RuleKey.Describe(rule)}: {VerdictWeight.Describe(learned.Verdicts)}", overall));
        }

        if (learned?.ByHost.GetValueOrDefault(host) is { Total: > 0 } here)
        {
            reasons.Add(new(TriageReasonKinds.Verdict, $"verdicts on {RuleKey.Describe(rule)} on this host: {VerdictWeight.Describe(here)}",
                VerdictWeight.Points(here, options.HostVerdictPoints)));
        }
    }
}

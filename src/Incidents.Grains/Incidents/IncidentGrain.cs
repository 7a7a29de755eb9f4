using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Triage;
using Incidents.Grains.Correlation;
using Incidents.Grains.Escalation;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Incidents;

/// <summary>
/// One incident: the correlated alerts, the entities they name, the lateral steps between its hosts, and what
/// happened to it.
/// </summary>
/// <remarks>
/// Calls only its shard of the tenant's queue (which calls nothing) and incidents whose id sorts before its own: a merge
/// always runs from the incident with the greater id to the smaller, and so does forwarding from a merged one. Ids
/// are totally ordered, so these calls cannot come back round to a grain that is waiting. Escalation's calls are in
/// IncidentGrain.Escalation.cs.
/// </remarks>
public sealed partial class IncidentGrain(
    [PersistentState("incident", StorageNames.Entities)] IPersistentState<IncidentState> state,
    IOptions<CorrelationOptions> options,
    IOptions<Enrichment.EnrichmentOptions> enrichment,
    IOptions<EscalationOptions> escalation,
    EscalationPolicyCopies policies,
    TimeProvider time,
    CorrelationMetrics metrics,
    ILogger<IncidentGrain> logger,
    Runbooks.RunbookCatalog runbooks) : WriteBehindGrain<IncidentState>(state, options.Value.StateWriteDelay), IIncidentGrain
{
    private string _tenant = "";
    private string _id = "";
    private IncidentRecord _record = null!;

    private static readonly TimeSpan VerdictRetry = TimeSpan.FromSeconds(30);

    // Set while the queue may lack this incident's latest summary, so that a retried call repairs it.
    private bool _queueBehind;
    private IGrainTimer? _verdictRetry;

    // What was last asked of its enrichment grain, and the timer that asks again while it is not covered.
    private EnrichmentCounts? _enrichmentAsked;
    private IGrainTimer? _enrichmentAgain;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _id) = TenantScoped.Split(this.GetPrimaryKeyString());
        _record = new IncidentRecord(State, options.Value);
        if (_record.UntoldVerdict(_id, time.GetUtcNow()) is not null)
        {
            RetryVerdict(); // told before it was written, or its last try failed
        }

        AskEnrichment(); // a silo lost before its enrichment was written, or an incident from before enrichment

        // Its clock again, notices not yet handed over, or an incident from before escalation to route.
        EscalateSoon(reroute: State.Escalation is null);

        return base.OnActivateAsync(cancellationToken);
    }

    public async Task Open(string hostKey, AlertSummary[] alerts, string? follows)
    {
        if (!_record.Exists)
        {
            var why = follows is null ? $"Opened by host {hostKey}" : $"Opened by host {hostKey}, after incident {follows} was resolved";
            _record.Begin(alerts.Min(a => a.Time), time.GetUtcNow(), why, follows);
        }

        await Took(_record.Take(hostKey, alerts, [], time.GetUtcNow()), alerts.Length > 0);
    }

    public async Task<string?> Add(string hostKey, AlertSummary[] alerts, LateralEdge[] edges)
    {
        if (_record.MergedInto is { } survivor)
        {
            return await Incident(survivor).Add(hostKey, alerts, edges);
        }

        if (!_record.Exists && alerts.Length > 0)
        {
            // A host names it, so it was opened: its state was lost with a silo before it was written. The host's
            // alerts make it again, and the journal's replay brings back the rest.
            _record.Begin(alerts.Min(a => a.Time), time.GetUtcNow(), $"Opened again by host {hostKey} after its state was lost");
        }

        if (!_record.Exists || _record.IsResolved)
        {
            return null;
        }

        await Took(_record.Take(hostKey, alerts, edges, time.GetUtcNow()), alerts.Length > 0);
        return _id;
    }

    public async Task<string?> Merge(string survivorId, LateralEdge[] edges)
    {
        if (string.CompareOrdinal(survivorId, _id) >= 0)
        {
            throw new ArgumentException($"An incident merges only into one with a smaller id; {survivorId} is not smaller than {_id}.", nameof(survivorId));
        }

        if (_record.MergedInto is { } mergedInto)
        {
            var (target, mergeInto) = IncidentRecord.MergeRoute(mergedInto, survivorId);
            return mergeInto is null
                ? await Incident(target).Add("", [], edges) ?? target
                : await Incident(target).Merge(mergeInto, edges);
        }

        if (_record.IsResolved)
        {
            return null; // a resolved incident is not absorbed
        }

        if (await Incident(survivorId).Absorb(_record.Handover(_id), edges) is not { } holder)
        {
            return null; // the survivor is resolved: this one goes on
        }

        _record.MarkMerged(holder, time.GetUtcNow());
        metrics.Decision("merged");
        await StateChanged();
        await TellQueue(durable: false);
        EscalateSoon(reroute: false); // its clock stops: the survivor escalates
        return holder;
    }

    public async Task<string?> Absorb(MergedIncident merged, LateralEdge[] edges)
    {
        if (_record.MergedInto is { } survivor)
        {
            return await Incident(survivor).Absorb(merged, edges);
        }

        if (_record.IsResolved)
        {
            return null;
        }

        _record.Absorb(merged, edges, time.GetUtcNow());
        await Took(changed: true, alertsGiven: true);
        return _id;
    }

    public async Task<ActionOutcome> Act(IncidentAction action)
    {
        var now = time.GetUtcNow();
        var (acknowledged, resolved) = (State.AcknowledgedAt is not null, _record.IsResolved);
        var outcome = _record.Workflow.Apply(action, now);
        if (outcome.Result is ActionResult.Done)
        {
            // The team hears that someone owns it, or closed it: written with the action.
            if (!acknowledged && State.AcknowledgedAt is not null)
            {
                _record.Escalation.Stop(_id, Contracts.Escalation.EscalationEventKind.Acknowledged, action.Actor, now);
            }

            if (!resolved && _record.IsResolved)
            {
                _record.Escalation.Stop(_id, Contracts.Escalation.EscalationEventKind.Resolved, action.Actor, now);
            }

            await WriteNow();
            await TellQueue(durable: true);
            await TellRuleBooks();
            EscalateSoon(reroute: true); // tags or a severity may take it to another team
        }

        return _record.Exists ? outcome with { Summary = _record.Summary(_id) } : outcome;
    }

    public async Task Enriched(EnrichmentEffect effect)
    {
        if (_record.MergedInto is null && _record.Enriched(effect, time.GetUtcNow()))
        {
            await StateChanged();
            await TellQueue(durable: false);
            EscalateSoon(reroute: true); // a crown jewel or an intelligence hit may route it elsewhere
        }
    }

    public Task<IncidentView?> GetView(int alertLimit) => Task.FromResult(_record.View(_id, alertLimit));

    /// <summary>
    /// Tells its enrichment grain its entities when some are not covered and not yet asked for: one-way, so that no
    /// enricher holds up a host. A timer asks again until they are covered.
    /// </summary>
    private void AskEnrichment()
    {
        if (!enrichment.Value.Enabled || _record.EnrichmentDue(_enrichmentAsked) is not { } subject)
        {
            return;
        }

        _enrichmentAsked = subject.Counts;
        GrainFactory.GetGrain<IEnrichmentGrain>(TenantScoped.Key(_tenant, _id)).Enrich(subject).Ignore();
        _enrichmentAgain ??= this.RegisterGrainTimer(() =>
        {
            if (_record.EnrichmentCovered || _record.MergedInto is not null)
            {
                _enrichmentAgain?.Dispose();
                _enrichmentAgain = null;
            }
            else
            {
                _enrichmentAsked = null;
                AskEnrichment();
            }

            return Task.CompletedTask;
        }, enrichment.Value.AskAgain, enrichment.Value.AskAgain);
    }

    /// <summary>Writes and tells the queue what changed; after a retry or a replay that changed nothing, repairs the queue.</summary>
    private async Task Took(bool changed, bool alertsGiven)
    {
        metrics.Step(_record.StepsDrawn);
        _record.StepsDrawn = 0;
        if (changed)
        {
            Runbooks.RunbookTasks.Attach(State, runbooks, time.GetUtcNow()); // its categories may have changed (Open comes here too)
            await StateChanged();
            await TellQueue(durable: false);
            AskEnrichment();
            EscalateSoon(reroute: true);
        }
        else if (_queueBehind || alertsGiven)
        {
            await TellQueue(durable: false);
        }
    }

    private async Task TellQueue(bool durable)
    {
        _queueBehind = true;
        await GrainFactory.GetGrain<IIncidentIndexGrain>(IncidentIndex.Key(_tenant, _id)).Update(_record.Summary(_id), durable);
        _queueBehind = false;
    }

    /// <summary>
    /// A resolution's classification (or a reopening's withdrawal) to the rule book shards of the rules in it, after the
    /// action is durable; if a shard cannot take it, a timer tries again until they all have (each counts an incident once).
    /// </summary>
    private async Task TellRuleBooks()
    {
        if (_record.UntoldVerdict(_id, time.GetUtcNow()) is not { } verdict)
        {
            return;
        }

        try
        {
            await Task.WhenAll(verdict.Rules.GroupBy(r => RuleBook.Shard(r.Rule)).Select(shard =>
                GrainFactory.GetGrain<IRuleBookGrain>(RuleBook.Key(_tenant, shard.Key)).Judge(verdict with { Rules = [.. shard] })));
            _record.VerdictTold(verdict);
            _verdictRetry?.Dispose();
            _verdictRetry = null;
            await StateChanged();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
        {
            RetryVerdict();
        }
    }

    private void RetryVerdict() => _verdictRetry ??= this.RegisterGrainTimer(TellRuleBooks, VerdictRetry, VerdictRetry);

    private IIncidentGrain Incident(string id) => GrainFactory.GetGrain<IIncidentGrain>(TenantScoped.Key(_tenant, id));
}

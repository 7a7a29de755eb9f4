using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;
using Incidents.Grains.Correlation;
using Incidents.Contracts.Triage;
using Incidents.Grains.Storage;
using Incidents.Grains.Triage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Hosts;

/// <summary>
/// One internal host: a shell around <see cref="HostRecord"/> (what it saw) and <see cref="HostCorrelation"/> (which
/// incident it is in). It counts each alert once, records it, asks the rules where its own alerts go, makes the
/// incident calls they decide, tells the hosts it reached and the accounts that logged on to it, and writes.
/// </summary>
/// <remarks>
/// Why this cannot deadlock: a host awaits only incident grains, and incidents never call hosts. Host-to-host
/// (<see cref="IHostGrain.Suspect"/>) and host-to-user (<see cref="IUserGrain.Expose"/>) messages are one-way, so two
/// hosts that reach each other at once never wait on each other; so is a suspected host's word to the enrichment of the
/// incident that reached it (<see cref="IEnrichmentGrain.Contacted"/>), which reads hosts.
/// </remarks>
public sealed partial class HostGrain(
    [PersistentState("host", StorageNames.Entities)] IPersistentState<HostState> state,
    IOptions<CorrelationOptions> options,
    IOptions<TriageOptions> triageOptions,
    CorrelationMetrics metrics,
    AlertTextPool texts,
    SuppressionCache suppressions,
    RuleKnowledgeCache knowledge,
    TriageTallies tallies,
    Intel.IntelLookup intel,
    Assets.AssetLookup assets,
    TimeProvider time) : WriteBehindGrain<HostState>(state, options.Value.StateWriteDelay), IHostGrain
{
    private string _tenant = "";
    private string _hostKey = "";
    private SeenKeys _seen = null!;
    private HostRecord _record = null!;
    private HostCorrelation _correlation = null!;
    private HostTriage _triage = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenant, hostKey) = TenantScoped.Split(this.GetPrimaryKeyString());
        (_tenant, _hostKey) = (texts.Share(tenant), texts.Share(hostKey)); // the same strings as its alerts' hosts
        _seen = new SeenKeys(State.SeenAlertKeys, options.Value.HostSeenAlertKeys);
        for (var i = 0; i < State.RecentAlerts.Count; i++)
        {
            State.RecentAlerts[i] = texts.Share(State.RecentAlerts[i]);
        }

        _record = new HostRecord(State, options.Value, _hostKey);
        _triage = new HostTriage(triageOptions.Value, new HostBaseline(State.Rules, triageOptions.Value), _hostKey);
        _correlation = new HostCorrelation(State, options.Value, _triage.Rules, _tenant, _hostKey);
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<bool[]> Observe(AlertSummary[] alerts)
    {
        if (State.AliasOf is { } named)
        {
            return await Host(named).Observe(alerts);
        }

        var fresh = _seen.SelectNew(alerts, a => a.Id, out var isNew);
        if (fresh.Count == 0)
        {
            return isNew;
        }

        for (var i = 0; i < fresh.Count; i++)
        {
            fresh[i] = texts.Share(fresh[i]);
        }

        var before = _correlation.Standing;

        // The incident first: if it fails, nothing here is recorded, and the caller's retry does it all again.
        if (fresh.Where(a => a.PrimaryHost == _hostKey).ToArray() is { Length: > 0 } primary)
        {
            var decided = (await Correlate(primary)).ToDictionary(a => a.Id, StringComparer.Ordinal);
            for (var i = 0; i < fresh.Count; i++)
            {
                fresh[i] = decided.GetValueOrDefault(fresh[i].Id) ?? fresh[i];
            }
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alert in fresh)
        {
            _seen.Add(alert.Id);
            _record.Record(alert, reached);
        }

        _record.TrimAlerts();
        await Announce(before, reached, []);
        await StateChanged();
        return isNew;
    }

    public async Task<bool[]> Redeliver(AlertSummary[] alerts)
    {
        if (State.AliasOf is { } named)
        {
            return await Host(named).Redeliver(alerts);
        }

        var isNew = await Observe(alerts);
        // As triage decided them when they were first taken: a redelivery never decides again.
        var kept = State.RecentAlerts.DistinctBy(a => a.Id).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var seen = _correlation.Unfiled(alerts.Where((_, i) => !isNew[i]))
            .Select(a => kept.GetValueOrDefault(a.Id) ?? a)
            .Where(TriageRules.Joins)
            .ToArray();
        if (seen.Length > 0 && _correlation.OpenIncidentId is { } openId && await Incident(openId).Add(_hostKey, seen, []) is { } took)
        {
            _correlation.Entered(took, since: null);
        }

        return isNew;
    }

    public async Task<bool[]> Witness(ContextSummary[] events)
    {
        if (State.AliasOf is { } named)
        {
            return await Host(named).Witness(events);
        }

        var fresh = _seen.SelectNew(events, e => e.Id, out var isNew);
        if (fresh.Count == 0)
        {
            return isNew;
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in fresh)
        {
            _seen.Add(e.Id);
            _record.Witness(e, reached, users);
        }

        await Announce(_correlation.Standing, reached, users);
        await StateChanged();
        return isNew;
    }

    public async Task Suspect(Suspicion suspicion)
    {
        if (State.AliasOf is { } named)
        {
            Host(named).Suspect(suspicion with { Edge = suspicion.Edge with { To = named } }).Ignore();
            return;
        }

        var before = _correlation.Standing;
        if (!_correlation.Suspect(suspicion))
        {
            return;
        }

        // Reached from an incident's host, or by its exposed account: that incident's blast radius may now hold this host.
        GrainFactory.Reference<IEnrichmentGrain>(TenantScoped.Key(_tenant, suspicion.IncidentId)).Contacted().Ignore();

        _ = await Correlate([]);
        await Announce(before, [], []);
        await StateChanged();
    }

    public Task<HostView> GetView() => State.AliasOf is { } named ? Host(named).GetView() : Task.FromResult(_record.View(_record.Risk()));

    /// <summary>
    /// Triages these new alerts of its own (none, for a suspicion), makes the incident calls the rules decide, and
    /// returns the alerts with their decisions.
    /// </summary>
    private async Task<AlertSummary[]> Correlate(AlertSummary[] alerts)
    {
        for (var routine = _correlation.JudgeRoutine(); routine > 0; routine--)
        {
            metrics.Decision("routine");
        }

        var now = time.GetUtcNow();
        // What triage reads, asked at once: in a silo that has just joined, the first reads of a tenant wait together.
        var triaging = alerts.Length > 0 && _triage.Enabled;
        var suppressing = triaging ? suppressions.For(_tenant) : ValueTask.FromResult<IReadOnlyList<Suppression>>([]);
        var estate = triaging ? knowledge.For(_tenant) : ValueTask.FromResult(EstateKnowledge.Empty);
        var known = triaging ? intel.Find(_tenant, alerts) : ValueTask.FromResult<IReadOnlyList<Contracts.Intel.Indicator>[]>([]);
        var value = triaging ? assets.For(_tenant, _hostKey) : ValueTask.FromResult<Contracts.Assets.Asset?>(null);
        var suppressed = await suppressing;
        var learned = _triage.Learn(alerts, await estate, triaging ? await known : null, await value);
        var decided = alerts;
        string? openedBy = null;
        if (_correlation.OpenIncidentId is { } openId && alerts.Length > 0)
        {
            decided = _triage.Decide(alerts, learned, openId, suppressed, now);
            if (decided.Where(TriageRules.Joins).ToArray() is { Length: > 0 } joining)
            {
                if (await Incident(openId).Add(_hostKey, joining, []) is { } took)
                {
                    _correlation.Entered(took, _correlation.EarliestSevere(joining));
                }
                else
                {
                    _correlation.LeaveResolvedIncident();
                }
            }
        }

        if (_correlation.OpenIncidentId is null)
        {
            decided = _triage.Decide(alerts, learned, null, suppressed, now);
            switch (_correlation.Place(decided))
            {
                case HostPlacement.Join join:
                    var suspicion = join.DrawnBy.Suspicion;
                    if (await Incident(suspicion.IncidentId).Add(_hostKey, join.Own, [suspicion.Edge]) is { } took)
                    {
                        _correlation.Entered(took, join.Since);
                        decided = Adopt(suspicion.IncidentId, decided);
                        metrics.Decision("joined");
                    }

                    // Applied either way: a resolved incident draws no one in.
                    _correlation.MarkApplied(join.DrawnBy);
                    break;
                case HostPlacement.Open open:
                    await Incident(open.IncidentId).Open(_hostKey, open.Own, _correlation.ResolvedIncidentId);
                    _correlation.Entered(open.IncidentId, open.Since);
                    decided = Adopt(open.IncidentId, decided);
                    openedBy = open.Own.MinBy(a => a.Time)?.Id;
                    metrics.Decision("opened");
                    break;
            }
        }

        foreach (var alert in decided)
        {
            metrics.Triaged(alert.Triage?.Decision);
            tallies.Add(_tenant, _hostKey, alert, openedIncident: alert.Id == openedBy);
        }

        foreach (var held in _correlation.Pending())
        {
            if (_correlation.OpenIncidentId is not { } current)
            {
                return decided;
            }

            var (target, mergeInto) = _correlation.Settle(held);
            var edge = held.Suspicion.Edge;
            var took = mergeInto is null ? await Incident(target).Add(_hostKey, [], [edge])
                : await Incident(target).Merge(mergeInto, [edge])
                  // no merge, one of them is resolved: the step goes to the host's own incident, if that is live
                  ?? await Incident(current).Add(_hostKey, [], [edge]);
            if (took is null)
            {
                _correlation.LeaveResolvedIncident();
                return decided;
            }

            _correlation.Entered(took, held.Suspicion.Time);
            _correlation.MarkApplied(held);
        }

        return decided;
    }

    /// <summary>
    /// Its recorded alerts judged again now that the host is in an incident (<see cref="TriageRules.Pull"/>), the kept
    /// ones in the host's record too; returns the new alerts with their decisions.
    /// </summary>
    private AlertSummary[] Adopt(string incidentId, AlertSummary[] decided)
    {
        var unfiled = _correlation.Unfiled(State.RecentAlerts).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < State.RecentAlerts.Count; i++)
        {
            if (unfiled.Contains(State.RecentAlerts[i].Id))
            {
                State.RecentAlerts[i] = _triage.Rules.Pull(State.RecentAlerts[i], incidentId);
            }
        }

        return [.. decided.Select(a => _triage.Rules.Pull(a, incidentId))];
    }

    /// <summary>Sends the one-way messages the rules decide: suspicions to hosts it reached, exposures to accounts.</summary>
    private Task Announce((string? Incident, DateTimeOffset? Since) before, HashSet<string> reached, HashSet<string> users)
    {
        var (hosts, accounts) = _correlation.Announcements(before, reached, users);
        if (hosts.Count == 0 && accounts.Count == 0)
        {
            return Task.CompletedTask;
        }

        return Task.WhenAll(
            hosts.Select(s => Host(s.Edge.To).Suspect(s))
                .Concat(accounts.Select(a => GrainFactory.Reference<IUserGrain>(TenantScoped.Key(_tenant, a.User)).Expose(a.Exposure))));
    }

    private IIncidentGrain Incident(string id) => GrainFactory.Reference<IIncidentGrain>(TenantScoped.Key(_tenant, id));

    private IHostGrain Host(string key) => GrainFactory.Reference<IHostGrain>(TenantScoped.Key(_tenant, key));
}

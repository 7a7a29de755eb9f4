using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;
using Incidents.Grains.Correlation;
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

using Incidents.Contracts.Alerts;
using Incidents.Grains.Correlation;
using Incidents.Contracts.Triage;
using Incidents.Grains.Triage;

namespace Incidents.Grains.Hosts;

/// <summary>The host's own alerts triaged, and the incident calls correlation's rules decide for them.</summary>
public sealed partial class HostGrain
{
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
}

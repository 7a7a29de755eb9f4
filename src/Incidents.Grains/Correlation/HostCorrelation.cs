using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Triage;
using Incidents.Contracts.Users;
using Incidents.Grains.Hosts;
using Incidents.Grains.Triage;

namespace Incidents.Grains.Correlation;

/// <summary>
/// The rules that put one host in an incident, without messaging or storage. <see cref="HostGrain"/> asks
/// <see cref="Place"/> what to do with its new alerts, does it (one incident call), tells the answer back
/// (<see cref="Entered"/> or <see cref="LeaveResolvedIncident"/>), then settles each pending suspicion the same way
/// (<see cref="Settle"/>), and finally sends <see cref="Announcements"/>.
/// </summary>
public sealed class HostCorrelation(HostState state, CorrelationOptions options, TriageRules triage, string tenant, string hostKey)
{
    public (string? Incident, DateTimeOffset? Since) Standing => (state.OpenIncidentId, state.CompromisedSince);

    public string? OpenIncidentId => state.OpenIncidentId;

    /// <summary>The resolved incident it left last: a new one it opens follows it.</summary>
    public string? ResolvedIncidentId => state.ResolvedIncidentId;

    /// <summary>
    /// Takes a suspicion, or folds it into the one held from the same host and kind. False when it changed nothing (a
    /// repeat), or is not for this host.
    /// </summary>
    public bool Suspect(Suspicion suspicion)
    {
        if (suspicion.Edge.To != hostKey)
        {
            return false;
        }

        var index = state.Suspicions.FindIndex(h => h.Suspicion.Edge.From == suspicion.Edge.From && h.Suspicion.Kind == suspicion.Kind);
        if (index >= 0)
        {
            var held = state.Suspicions[index];
            var folded = held.Suspicion with { IncidentId = suspicion.IncidentId, Edge = held.Suspicion.Edge.Fold(suspicion.Edge) };
            if (folded == held.Suspicion)
            {
                return false;
            }

            state.Suspicions[index] = new HostSuspicion(folded, held.State == SuspicionState.Routine ? SuspicionState.Routine : SuspicionState.Pending);
            return true;
        }

        // Place judges it routine or not, with every other pending one.
        state.Suspicions.Add(new HostSuspicion(suspicion, SuspicionState.Pending));
        if (state.Suspicions.Count > options.HostSuspicionsKept)
        {
            state.Suspicions.Remove(state.Suspicions.MinBy(h => h.Suspicion.Time)!);
        }

        return true;
    }

    /// <summary>
    /// Judges pending suspicions again on what the host knows now (the traffic that shows a server is shared may have
    /// come after the suspicion did); returns how many became routine.
    /// </summary>
    public int JudgeRoutine()
    {
        var judged = 0;
        for (var i = 0; i < state.Suspicions.Count; i++)
        {
            if (state.Suspicions[i] is { State: SuspicionState.Pending } held && IsRoutine(held.Suspicion))
            {
                state.Suspicions[i] = held with { State = SuspicionState.Routine };
                judged++;
            }
        }

        return judged;
    }

    /// <summary>
    /// What to do with this host's new alerts (none, when a suspicion arrives) while it is in no incident:
    /// a pending suspicion whose window holds one of its alerts draws it, with its kept alerts that triage lets in, into
    /// the suspicion's incident; else an alert triage decided opens one opens a new one; else nothing. Suppressed
    /// alerts count for neither. (In an incident, its open incident takes them.) The outcome depends on which alerts
    /// and suspicions it has, not their order.
    /// </summary>
    public HostPlacement Place(AlertSummary[] alerts)
    {
        // Most calls are noise on a host no suspicion is pending for: nothing can draw or open, so the record is not read.
        var opens = Array.Exists(alerts, a => TriageRules.Opens(a, options.OpenIncidentAt));
        if (!opens && !state.Suspicions.Exists(h => h.State == SuspicionState.Pending))
        {
            return new HostPlacement.None();
        }

        var filed = state.FiledAlertIds.ToHashSet(StringComparer.Ordinal);
        var own = state.RecentAlerts.Where(a => a.PrimaryHost == hostKey && !filed.Contains(a.Id))
            .Concat(alerts).DistinctBy(a => a.Id)
            .Where(a => a.Triage?.Decision != TriageDecision.Suppressed).ToArray();
        var drawnBy = state.Suspicions
            .Where(h => h.State == SuspicionState.Pending)
            .OrderBy(h => h.Suspicion.Time)
            .FirstOrDefault(h => own.Any(a => InWindow(h.Suspicion, a.Time)));
        if (drawnBy is not null)
        {
            var drawn = Pulled(own, drawnBy.Suspicion.IncidentId);
            return new HostPlacement.Join(drawnBy, drawn, Earliest(drawnBy.Suspicion.Time, EarliestSevere(drawn)));
        }

        if (!opens)
        {
            return new HostPlacement.None();
        }

        var id = NewIncidentId();
        var opening = Pulled(own, id);
        return new HostPlacement.Open(id, opening, EarliestSevere(opening));
    }

    /// <summary>Which of the host's alerts go into the incident it enters: triage judges its recorded ones again there.</summary>
    private AlertSummary[] Pulled(AlertSummary[] own, string incidentId) =>
        [.. own.Select(a => triage.Pull(a, incidentId)).Where(TriageRules.Joins)];

    /// <summary>The pending suspicions to settle once the host is in an incident, oldest first.</summary>
    public IReadOnlyList<HostSuspicion> Pending() => [.. state.Suspicions.Where(h => h.State == SuspicionState.Pending)];

    /// <summary>
    /// How a pending suspicion settles with the host's incident: its step added to the same incident, or the two
    /// incidents merged, always into the smaller id (<c>MergeInto</c> set: call <c>Target.Merge(MergeInto)</c>).
    /// </summary>
    public (string Target, string? MergeInto) Settle(HostSuspicion held)
    {
        var current = state.OpenIncidentId ?? throw new InvalidOperationException("The host is in no incident.");
        return IncidentRecord.MergeRoute(current, held.Suspicion.IncidentId);
    }

    public void Entered(string incidentId, DateTimeOffset? since)
    {
        state.OpenIncidentId = incidentId;
        state.CompromisedSince = Earliest(state.CompromisedSince, since) ?? state.CompromisedSince;
    }

    /// <summary>Its incident was resolved: the next alert starts afresh, without the alerts already filed in it.</summary>
    public void LeaveResolvedIncident()
    {
        state.ResolvedIncidentId = state.OpenIncidentId ?? state.ResolvedIncidentId;
        state.OpenIncidentId = null;
        state.CompromisedSince = null;
        state.FiledAlertIds = [.. state.RecentAlerts.Select(a => a.Id)];
        state.IncidentEpoch++;
    }

    public void MarkApplied(HostSuspicion held)
    {
        var index = state.Suspicions.IndexOf(held);
        if (index >= 0)
        {
            state.Suspicions[index] = held with { State = SuspicionState.Applied };
        }
    }

    /// <summary>
    /// The hosts this one reached after its compromise that may be in its incident, and the accounts that logged on
    /// to it that may be exposed: all of them when the incident or the compromise time changed since
    /// <paramref name="before"/>, else only the ones just added.
    /// </summary>
    public (List<Suspicion> Hosts, List<(string User, Exposure Exposure)> Users) Announcements(
        (string? Incident, DateTimeOffset? Since) before, HashSet<string> reached, HashSet<string> users)
    {
        var (hosts, accounts) = (new List<Suspicion>(), new List<(string, Exposure)>());
        if (state.OpenIncidentId is not { } incidentId || state.CompromisedSince is not { } since)
        {
            return (hosts, accounts);
        }

        var changed = before != Standing;
        foreach (var contact in state.Contacts)
        {
            if (contact.Direction == ContactDirection.Outbound && contact.Lateral != LateralKind.None
                && (changed || reached.Contains(contact.Peer))
                && Step(contact, since) is { } edge)
            {
                hosts.Add(new Suspicion(incidentId, edge, contact.Lateral));
            }
        }

        var exposure = new Exposure(hostKey, incidentId, since);
        foreach (var user in changed ? state.Logons.Select(l => l.User) : users)
        {
            accounts.Add((user, exposure));
        }

        return (hosts, accounts);
    }

    /// <summary>Its own kept alerts among <paramref name="seen"/> not yet filed in an incident (a replay's to resend).</summary>
    public AlertSummary[] Unfiled(IEnumerable<AlertSummary> seen)
    {
        var filed = state.FiledAlertIds.ToHashSet(StringComparer.Ordinal);
        return [.. seen.Where(a => a.PrimaryHost == hostKey && !filed.Contains(a.Id)).DistinctBy(a => a.Id)];
    }

    /// <summary>
    /// The compromise runs from the host's earliest alert severe enough to open an incident: a quiet alert days
    /// earlier (a policy hit, a scan) does not make every later step of the host an attacker's.
    /// </summary>
    public DateTimeOffset? EarliestSevere(IEnumerable<AlertSummary> alerts) =>
        alerts.Where(a => TriageRules.Opens(a, options.OpenIncidentAt)).Select(a => (DateTimeOffset?)a.Time).Min();

    /// <summary>
    /// The id of the next incident this host opens, derived from the host and how many of its incidents closed before:
    /// a batch replayed from the ingest journal after a silo lost this host's last state opens the same incident
    /// again (and the incident counts each alert once), never a second one.
    /// </summary>
    private string NewIncidentId() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{tenant}/{hostKey}#{state.IncidentEpoch}")).AsSpan(0, 16));

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a <= b ? a : b;

    private bool InWindow(Suspicion suspicion, DateTimeOffset at) =>
        at >= suspicion.Time && at <= suspicion.Time + options.Window;

    /// <summary>
    /// A shared server (a file server, a domain controller) is reached the same way by many hosts every day: a
    /// compromised host doing so too shows nothing. A detection whose own technique is lateral movement is never
    /// routine, however many hosts trip it: tuning a noisy rule is triage's job, not correlation's.
    /// </summary>
    private bool IsRoutine(Suspicion suspicion)
    {
        if (suspicion.Kind == LateralKind.Alert && LateralSteps.IsLateralTechnique(suspicion.Edge.Via))
        {
            return false;
        }

        var peers = state.Contacts
            .Where(c => c.Direction == ContactDirection.Inbound && c.Peer != suspicion.Edge.From
                && (suspicion.Kind == LateralKind.Account || c.Protocol == suspicion.Edge.Via))
            .Select(c => c.Peer)
            .Distinct(StringComparer.Ordinal)
            .Count();
        return peers >= options.SharedServerPeers;
    }

    /// <summary>
    /// The contact as a step after <paramref name="since"/> and within the window, or null. A contact is folded over
    /// every time it happened: its first time when that is after the compromise, else its last.
    /// </summary>
    private LateralEdge? Step(HostContact contact, DateTimeOffset since)
    {
        var (stepAt, evidence) = contact.FirstSeen >= since ? (contact.FirstSeen, contact.FirstEvidence ?? contact.LastEvidence)
            : (contact.LastSeen, contact.LastEvidence);
        if (stepAt < since || stepAt > since + options.Window)
        {
            return null;
        }

        string[] ids = evidence is null ? [] : [evidence];
        return new LateralEdge(hostKey, contact.Peer, stepAt, contact.Technique, contact.Protocol,
            contact.Lateral == LateralKind.Alert ? ids : [],
            contact.Lateral == LateralKind.Alert ? [] : ids);
    }
}

/// <summary>What a host in no incident does with its new alerts: <see cref="HostCorrelation.Place"/>'s answer.</summary>
public abstract record HostPlacement
{
    /// <summary>Joins the incident of the suspicion that drew it, with its own kept alerts and the suspicion's step.</summary>
    public sealed record Join(HostSuspicion DrawnBy, AlertSummary[] Own, DateTimeOffset? Since) : HostPlacement;

    /// <summary>Opens a new incident with its own kept alerts.</summary>
    public sealed record Open(string IncidentId, AlertSummary[] Own, DateTimeOffset? Since) : HostPlacement;

    public sealed record None : HostPlacement;
}

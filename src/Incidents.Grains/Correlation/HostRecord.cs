using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Triage;
using Incidents.Grains.Hosts;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Correlation;

/// <summary>
/// What one host records of what it saw, without messaging or storage: its alerts (the newest kept, all counted), the
/// internal hosts it reached and was reached from, the accounts that logged on to it, its risk. Which incident it is
/// in is <see cref="HostCorrelation"/>'s.
/// </summary>
public sealed class HostRecord(HostState state, CorrelationOptions options, string hostKey)
{
    public string HostKey => hostKey;

    public bool IsKnown => state.AlertCount > 0 || state.ContextEventCount > 0 || state.Suspicions.Count > 0;

    /// <summary>Records an alert; adds to <paramref name="reached"/> the peer it reached laterally, if any.</summary>
    public void Record(AlertSummary alert, HashSet<string> reached)
    {
        state.AlertCount++;
        state.FirstSeen = state.FirstSeen is { } first ? Min(first, alert.Time) : alert.Time;
        state.LastSeen = state.LastSeen is { } last ? Max(last, alert.Time) : alert.Time;
        state.RecentAlerts.Add(alert);
        if (alert.Triage is { Decision: TriageDecision.Suppressed, SuppressedBy: { } suppression })
        {
            state.Suppressed[suppression] = state.Suppressed.GetValueOrDefault(suppression) + 1;
            if (state.Suppressed.Count > HostState.SuppressionsCounted)
            {
                state.Suppressed.Remove(state.Suppressed.MinBy(s => s.Value).Key); // a long-removed suppression's, most likely
            }
        }

        var lateral = LateralSteps.IsStep(alert);
        var peer = RecordContact(
            alert.Src, alert.Dst, alert.Time, AlertContactProtocol(alert), alert.Title, alert.User, alert.Id,
            lateral ? LateralKind.Alert : LateralKind.None, lateral ? LateralSteps.Technique(alert) : null);
        if (peer is not null)
        {
            reached.Add(peer);
        }
    }

    /// <summary>Keeps the newest alerts, and forgets filed ids of alerts no longer kept.</summary>
    public void TrimAlerts()
    {
        state.RecentAlerts.TrimToNewest(options.HostRecentAlerts);
        if (state.FiledAlertIds.Count > 0)
        {
            var kept = state.RecentAlerts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            state.FiledAlertIds.RemoveAll(id => !kept.Contains(id));
        }
    }

    /// <summary>
    /// Records a context event: the contact it shows (a lateral step into <paramref name="reached"/>), and a logon's
    /// account (into <paramref name="users"/> when it succeeded here).
    /// </summary>
    public void Witness(ContextSummary e, HashSet<string> reached, HashSet<string> users)
    {
        state.ContextEventCount++;
        var step = LateralSteps.Step(e);
        var peer = RecordContact(
            e.Src, e.Dst, e.Time, step?.Via ?? e.Protocol ?? e.Kind.ToString().ToLowerInvariant(), e.Detail, e.User, e.Id,
            step is null ? LateralKind.None : LateralKind.ContextEvent, step?.Technique);
        if (peer is not null)
        {
            reached.Add(peer);
        }

        if (RecordLogon(e))
        {
            users.Add(e.User!);
        }
    }

    public HostView View(int risk) => new(
        hostKey,
        IsKnown,
        state.FirstSeen,
        state.LastSeen,
        state.AlertCount,
        state.OpenIncidentId,
        [.. state.RecentAlerts],
        [.. state.Contacts.OrderByDescending(c => c.LastSeen)],
        [.. state.Logons.OrderByDescending(l => l.LastSeen)],
        state.CompromisedSince,
        risk,
        [.. state.Suspicions.OrderBy(s => s.Suspicion.Time)])
    {
        Suppressed = new Dictionary<string, long>(state.Suppressed, StringComparer.Ordinal),
        PreviousIncidentId = state.ResolvedIncidentId,
        Aliases = [.. state.Aliases],
    };

    /// <summary>All it knows, for the host the inventory names it.</summary>
    public HostHandover Handover() => new()
    {
        Key = hostKey,
        FirstSeen = state.FirstSeen,
        LastSeen = state.LastSeen,
        AlertCount = state.AlertCount,
        ContextEventCount = state.ContextEventCount,
        RecentAlerts = [.. state.RecentAlerts],
        SeenKeys = [.. state.SeenAlertKeys],
        Contacts = [.. state.Contacts],
        Logons = [.. state.Logons],
        Suspicions = [.. state.Suspicions],
        OpenIncidentId = state.OpenIncidentId,
        CompromisedSince = state.CompromisedSince,
    };

    /// <summary>
    /// Takes in what a host known by one of its addresses knew: counts added, alerts and sightings merged (the newest
    /// kept), once per alias. False when it was taken in already.
    /// </summary>
    public bool Adopt(HostHandover handover)
    {
        if (state.Aliases.Contains(handover.Key, StringComparer.Ordinal))
        {
            return false;
        }

        state.Aliases.Add(handover.Key);
        state.Aliases.TrimToNewest(HostState.AliasesKept);
        state.AlertCount += handover.AlertCount;
        state.ContextEventCount += handover.ContextEventCount;
        state.FirstSeen = (state.FirstSeen, handover.FirstSeen) switch { ({ } a, { } b) => Min(a, b), (var a, var b) => a ?? b };
        state.LastSeen = (state.LastSeen, handover.LastSeen) switch { ({ } a, { } b) => Max(a, b), (var a, var b) => a ?? b };
        var held = state.RecentAlerts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        state.RecentAlerts.AddRange(handover.RecentAlerts.Where(a => !held.Contains(a.Id)));
        state.RecentAlerts.Sort((a, b) => a.Time.CompareTo(b.Time));
        TrimAlerts();
        state.Contacts = [.. state.Contacts.Concat(handover.Contacts).OrderByDescending(c => c.LastSeen).Take(options.HostContactsKept)];
        state.Logons = [.. state.Logons.Concat(handover.Logons).OrderByDescending(l => l.LastSeen).Take(options.HostLogonsKept)];
        state.Suspicions = [.. state.Suspicions.Concat(handover.Suspicions).Take(options.HostSuspicionsKept)];
        return true;
    }

    /// <summary>0–100: its own alerts by severity, being in an incident, and being reached from one.</summary>
    public int Risk()
    {
        var score = state.RecentAlerts.Where(a => a.PrimaryHost == hostKey).Sum(a => a.Severity switch
        {
            Severity.Critical => 40,
            Severity.High => 15,
            Severity.Medium => 5,
            Severity.Low => 1,
            _ => 0,
        });
        score += state.OpenIncidentId is null ? 0 : 20;
        score += state.Suspicions.Any(s => s.State != SuspicionState.Routine) ? 20 : 0;
        return Math.Min(100, score);
    }

    public static bool IsLogon(ContextEventKind kind) => kind is ContextEventKind.Logon or ContextEventKind.LogonFailed
        or ContextEventKind.ExplicitCredentials or ContextEventKind.PrivilegedLogon;

    /// <summary>An alert's contact is named by its technique where it has one, else by protocol and port.</summary>
    private static string AlertContactProtocol(AlertSummary alert) =>
        alert.Technique ?? $"{alert.Protocol ?? "ip"}/{alert.Dst?.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";

    /// <summary>
    /// Internal hosts only: lateral movement is between our hosts, and a busy host's talk with the internet would
    /// otherwise push them out of its bounded list. Returns the peer when this host reached it laterally.
    /// </summary>
    private string? RecordContact(
        EndpointSummary? src, EndpointSummary? dst, DateTimeOffset time, string protocol, string? detail, string? user,
        string evidence, LateralKind lateral, string? technique)
    {
        var (direction, peer) = dst?.Key == hostKey ? (ContactDirection.Inbound, src)
            : src?.Key == hostKey ? (ContactDirection.Outbound, dst)
            : (ContactDirection.Inbound, null);
        if (peer is not { IsInternal: true, Key: { } peerKey } || peerKey == hostKey)
        {
            return null;
        }

        state.Contacts.Fold(
            c => c.Direction == direction && c.Peer == peerKey && c.Protocol == protocol,
            c => c is null
                ? new HostContact(direction, peerKey, protocol, time, time, 1, detail, user, evidence, lateral, technique, evidence)
                : c with
                {
                    FirstSeen = Min(c.FirstSeen, time),
                    LastSeen = Max(c.LastSeen, time),
                    Count = c.Count + 1,
                    LastDetail = detail ?? c.LastDetail,
                    LastUser = user ?? c.LastUser,
                    LastEvidence = evidence,
                    FirstEvidence = time < c.FirstSeen ? evidence : c.FirstEvidence,
                    Lateral = c.Lateral == LateralKind.None ? lateral : c.Lateral,
                    Technique = c.Technique ?? technique,
                },
            c => c.LastSeen,
            options.HostContactsKept);
        return direction == ContactDirection.Outbound && lateral != LateralKind.None ? peerKey : null;
    }

    /// <summary>Logons to this host, by account: the destination of a logon is where the account was used.</summary>
    private bool RecordLogon(ContextSummary e)
    {
        if (e.User is not { } user || !IsLogon(e.Kind) || (e.Dst?.Key ?? e.PrimaryHost) != hostKey)
        {
            return false;
        }

        var failed = e.Success == false || e.Kind == ContextEventKind.LogonFailed;
        state.Logons.Fold(
            l => l.User == user,
            l => l is null
                ? new HostLogon(user, e.Time, e.Time, failed ? 0 : 1, failed ? 1 : 0, e.Src?.Key)
                : l with
                {
                    FirstSeen = Min(l.FirstSeen, e.Time),
                    LastSeen = Max(l.LastSeen, e.Time),
                    Successes = l.Successes + (failed ? 0 : 1),
                    Failures = l.Failures + (failed ? 1 : 0),
                    LastFrom = e.Src?.Key ?? l.LastFrom,
                },
            l => l.LastSeen,
            options.HostLogonsKept);
        return !failed;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}

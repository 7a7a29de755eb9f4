using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Users;
using Incidents.Grains.Storage;
using Incidents.Grains.Users;

namespace Incidents.Grains.Correlation;

/// <summary>
/// The rules of one account, without messaging or storage: the hosts it was seen on, the compromised hosts it was
/// exposed on, and credential spread — the account seen on a compromised host after the compromise, then on another
/// host within the window, makes that host a suspect. Its cloud sign-ins are <see cref="UserSignIns"/>' rules.
/// </summary>
public sealed class UserRecord(UserState state, CorrelationOptions options, string name)
{
    private readonly UserSignIns _signIns = new(state.SignIns, options.UserSignInsKept);

    /// <summary>Records where the account was seen, and cloud sign-ins (no host) where from; returns the hosts these events named.</summary>
    public HashSet<string> Witness(IEnumerable<ContextSummary> events)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            state.FirstSeen = state.FirstSeen is { } first && first <= e.Time ? first : e.Time;
            state.LastSeen = state.LastSeen is { } last && last >= e.Time ? last : e.Time;
            _signIns.Witness(e);
            var failed = e.Success == false || e.Kind == ContextEventKind.LogonFailed;
            foreach (var host in e.Hosts)
            {
                touched.Add(host);
                state.Hosts.Fold(
                    h => h.Host == host,
                    h => h is null
                        ? new UserHost(host, e.Time, e.Time, failed ? 0 : 1, failed ? 1 : 0)
                        : h with
                        {
                            FirstSeen = h.FirstSeen <= e.Time ? h.FirstSeen : e.Time,
                            LastSeen = h.LastSeen >= e.Time ? h.LastSeen : e.Time,
                            Successes = h.Successes + (failed ? 0 : 1),
                            Failures = h.Failures + (failed ? 1 : 0),
                        },
                    h => h.LastSeen,
                    options.UserHostsKept);
            }
        }

        return touched;
    }

    /// <summary>
    /// The suspicions a new sighting sends: a new host of the account may be where it went from a compromised one, and
    /// a compromised host it was seen on only now makes all its other hosts worth a look.
    /// </summary>
    public List<Suspicion> SpreadAfterWitness(HashSet<string> touched) =>
        [.. state.Exposures.SelectMany(exposure => Spread(exposure, touched.Contains(exposure.Host) ? null : touched))];

    /// <summary>Takes an exposure, or folds it into the one held for the same host; null when it changed nothing.</summary>
    public Exposure? Expose(Exposure exposure)
    {
        var index = state.Exposures.FindIndex(e => e.Host == exposure.Host);
        if (index >= 0)
        {
            var known = state.Exposures[index];
            var merged = known with
            {
                IncidentId = exposure.IncidentId,
                Since = known.Since <= exposure.Since ? known.Since : exposure.Since,
            };
            if (merged == known)
            {
                return null;
            }

            state.Exposures[index] = merged;
            return merged;
        }

        state.Exposures.Add(exposure);
        if (state.Exposures.Count > options.UserExposuresKept)
        {
            state.Exposures.RemoveAt(0);
        }

        return exposure;
    }

    /// <summary>
    /// The hosts (all, or <paramref name="only"/> these) the account was seen on after it was seen on the exposed host
    /// since its compromise, within the window, as suspicions. Host appearances are folded to first and last seen:
    /// the first counts when it is late enough, else the last.
    /// </summary>
    public IEnumerable<Suspicion> Spread(Exposure exposure, HashSet<string>? only)
    {
        if (state.Hosts.Find(h => h.Host == exposure.Host) is not { } exposed
            || SeenAfter(exposed, exposure.Since) is not { } exposedAt)
        {
            yield break;
        }

        foreach (var host in state.Hosts)
        {
            if (host.Host == exposure.Host || (only is not null && !only.Contains(host.Host))
                || SeenAfter(host, exposedAt) is not { } at || at > exposedAt + options.Window)
            {
                continue;
            }

            var edge = new LateralEdge(exposure.Host, host.Host, at, "T1078", $"account {name}", [], []);
            yield return new Suspicion(exposure.IncidentId, edge, LateralKind.Account);
        }
    }

    public UserView View() => new(
        name,
        state.FirstSeen is not null,
        state.FirstSeen,
        state.LastSeen,
        [.. state.Hosts.OrderBy(h => h.FirstSeen)],
        [.. state.Exposures],
        _signIns.View());

    /// <summary>
    /// What enrichment asks (see <see cref="UserFactsQuery"/>). A host counts when the span it was seen over (first to
    /// last) meets the day: an account keeps no more of a host, and a host in use before and after the day is far
    /// likelier used in it than not.
    /// </summary>
    public UserFacts Facts(UserFactsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var since = query.At - UserFacts.HostsSpan;
        return new(
            name,
            state.FirstSeen is not null,
            state.FirstSeen,
            state.LastSeen,
            state.Hosts.Count(h => h.FirstSeen <= query.At && h.LastSeen >= since),
            _signIns.Facts(query.NewFrom, query.NewTo));
    }

    private static DateTimeOffset? SeenAfter(UserHost host, DateTimeOffset since) =>
        host.FirstSeen >= since ? host.FirstSeen : host.LastSeen >= since ? host.LastSeen : null;
}

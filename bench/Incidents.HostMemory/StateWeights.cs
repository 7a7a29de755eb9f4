using Incidents.Contracts.Alerts;
using Incidents.Grains.Hosts;
using Orleans.Serialization;

namespace Incidents.HostMemory;

/// <summary>
/// What the parts of one host grain's state weigh, in bytes, each averaged over <see cref="Count"/> built outside the
/// grains, the way <see cref="HostGrain"/> builds them: an alert as a grain holds it (a copy deserialized from the
/// host's message, with strings of its own), the <see cref="HostState"/> that keeps it (its lists included, not the alert),
/// and the hash set of seen ids that the grain keeps beside the state (sharing the id strings with the alerts).
/// </summary>
internal sealed record StateWeights(int Count, int AlertsPerHost, double Alert, double State, double SeenSet, double EmptyState, double EmptySeenSet)
{
    /// <summary>A host grain's state and seen set with its alerts in them: all of its own data that the weights cover.</summary>
    public double Host => AlertsPerHost == 0 ? EmptyState + EmptySeenSet : (Alert * AlertsPerHost) + State + SeenSet;

    public static StateWeights Measure(Serializer serializer, int count, int alertsPerHost)
    {
        // Every array first, so that they weigh in no part.
        var alerts = new AlertSummary[count * alertsPerHost];
        var states = new HostState[count];
        var sets = new HashSet<string>[count];
        var emptyStates = new HostState[count];
        var emptySets = new HashSet<string>[count];
        var start = Live();

        for (var host = 0; host < count; host++)
        {
            // One message per host, as Observe gets its alerts: within one, the serializer sends a string it meets
            // again (the same instance) as a reference, so a host's alerts share some.
            var sent = Enumerable.Range(0, alertsPerHost).Select(n => NoiseAlerts.Alert(host, n, count)).ToArray();
            var received = serializer.Deserialize<AlertSummary[]>(serializer.SerializeToArray(sent))
                ?? throw new InvalidOperationException("a host's alerts did not deserialize");
            received.CopyTo(alerts, host * alertsPerHost);
        }

        var withAlerts = Live();
        for (var host = 0; host < count; host++)
        {
            // As HostGrain.OnActivateAsync and Observe do it: the seen set is made from the (empty) kept ids at
            // activation, then each new alert is recorded in the state and its id in both.
            var state = states[host] = new HostState();
            var set = sets[host] = new HashSet<string>(state.SeenAlertKeys, StringComparer.Ordinal);
            foreach (var alert in alerts.AsSpan(host * alertsPerHost, alertsPerHost))
            {
                set.Add(alert.Id);
                state.SeenAlertKeys.Add(alert.Id);
                state.AlertCount++;
                state.FirstSeen = state.FirstSeen is { } first && first <= alert.Time ? first : alert.Time;
                state.LastSeen = state.LastSeen is { } last && last >= alert.Time ? last : alert.Time;
                state.RecentAlerts.Add(alert);
            }
        }

        var withStatesAndSets = Live();
        for (var host = 0; host < count; host++)
        {
            sets[host] = null!;
        }

        var withStates = Live();
        for (var host = 0; host < count; host++)
        {
            emptyStates[host] = new HostState();
        }

        var withEmptyStates = Live();
        for (var host = 0; host < count; host++)
        {
            emptySets[host] = new HashSet<string>(emptyStates[host].SeenAlertKeys, StringComparer.Ordinal);
        }

        var withEmptySets = Live();
        GC.KeepAlive(states);
        GC.KeepAlive(sets);
        GC.KeepAlive(emptyStates);
        GC.KeepAlive(emptySets);
        double PerHost(long bytes) => (double)bytes / count;
        return new StateWeights(count, alertsPerHost,
            Alert: alertsPerHost == 0 ? 0 : (double)(withAlerts - start) / (count * alertsPerHost),
            State: PerHost(withStates - withAlerts),
            SeenSet: PerHost(withStatesAndSets - withStates),
            EmptyState: PerHost(withEmptyStates - withStates),
            EmptySeenSet: PerHost(withEmptySets - withEmptyStates));
    }

    private static long Live() => MemorySample.AfterFullCompaction().Live;
}

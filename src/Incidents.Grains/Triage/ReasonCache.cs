using System.Collections.Concurrent;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Triage;

/// <summary>
/// One instance per silo of each reason triage gives: the same rule on thousands of hosts gets the same few reasons,
/// so they are formatted once, and alerts that hold them share them in memory and in each grain's serialized state.
/// Bounded: when full it starts over, and reasons already handed out stay as they are.
/// </summary>
internal static class ReasonCache
{
    private const int Capacity = 65_536;
    private static readonly ConcurrentDictionary<(string Kind, string Key, int Points, int Variant), TriageReason> Reasons = new();
    private static int _count;

    /// <summary>
    /// The shared reason for this kind, key, points and variant (what else its text depends on); <paramref name="detail"/>
    /// formats it the first time only.
    /// </summary>
    public static TriageReason Get<TState>(string kind, string key, int points, int variant, TState state, Func<TState, string> detail)
    {
        if (Reasons.TryGetValue((kind, key, points, variant), out var reason))
        {
            return reason;
        }

        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Reasons.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        return Reasons.GetOrAdd((kind, key, points, variant), new TriageReason(kind, detail(state), points));
    }
}

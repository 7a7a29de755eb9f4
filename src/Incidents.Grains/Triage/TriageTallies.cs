using Incidents.Contracts.Alerts;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Triage;

/// <summary>
/// What a silo's hosts decided since the last batch, by tenant, rule, host and hour: hosts add to it without a grain
/// call, and <see cref="TriageTallyFlusher"/> tells each rule book shard its part every
/// <see cref="TriageOptions.TallyFlush"/>. A silo that dies loses at most that much of the statistics, never a decision.
/// </summary>
public sealed class TriageTallies
{
    /// <summary>Beyond this many distinct keys waiting, new ones are dropped (and counted) until the next batch.</summary>
    public const int MaxWaiting = 100_000;

    private readonly Lock _lock = new();
    private Dictionary<Key, Counts> _waiting = [];
    private Dictionary<string, Dictionary<string, long>> _suppressed = new(StringComparer.Ordinal);

    public long Dropped { get; private set; }

    public void Add(string tenant, string host, AlertSummary alert, bool openedIncident)
    {
        if (alert.Triage is not { } triage)
        {
            return;
        }

        var key = new Key(tenant, RuleKey.Of(alert), host, RuleKey.Hour(alert.Time));
        lock (_lock)
        {
            if (Waiting(key, alert.Title) is not { } counts)
            {
                return;
            }

            counts.Decisions[(int)triage.Decision]++;
            counts.IncidentsOpened += openedIncident ? 1 : 0;
            if (triage.SuppressedBy is { } suppression)
            {
                var byId = _suppressed.TryGetValue(tenant, out var found) ? found : _suppressed[tenant] = new(StringComparer.Ordinal);
                byId[suppression] = byId.GetValueOrDefault(suppression) + 1;
            }
        }
    }

    /// <summary>Alerts suppressed since the last call, by tenant and suppression; the counts start again.</summary>
    public Dictionary<string, Dictionary<string, long>> DrainSuppressed()
    {
        lock (_lock)
        {
            var taken = _suppressed;
            _suppressed = new(StringComparer.Ordinal);
            return taken;
        }
    }

    /// <summary>Everything waiting, by tenant and shard; the buffer starts empty again.</summary>
    public IReadOnlyList<(string Tenant, int Shard, RuleTally[] Tallies)> Drain()
    {
        Dictionary<Key, Counts> taken;
        lock (_lock)
        {
            (taken, _waiting) = (_waiting, []);
        }

        return [.. taken
            .GroupBy(t => (t.Key.Tenant, Shard: RuleBook.Shard(t.Key.Rule)))
            .Select(g => (g.Key.Tenant, g.Key.Shard, g.Select(t => new RuleTally(
                t.Key.Rule, t.Value.Title, t.Key.Host, t.Key.Hour,
                t.Value.Decisions[(int)TriageDecision.Suppressed], t.Value.Decisions[(int)TriageDecision.Recorded],
                t.Value.Decisions[(int)TriageDecision.Opened], t.Value.Decisions[(int)TriageDecision.Joined],
                t.Value.IncidentsOpened)).ToArray()))];
    }

    /// <summary>Puts back a batch a shard could not take, for the next one.</summary>
    public void Return(string tenant, RuleTally[] tallies)
    {
        lock (_lock)
        {
            foreach (var t in tallies)
            {
                if (Waiting(new Key(tenant, t.Rule, t.Host, t.Hour), t.Title) is not { } counts)
                {
                    continue;
                }

                counts.Decisions[(int)TriageDecision.Suppressed] += t.Suppressed;
                counts.Decisions[(int)TriageDecision.Recorded] += t.Recorded;
                counts.Decisions[(int)TriageDecision.Opened] += t.Opened;
                counts.Decisions[(int)TriageDecision.Joined] += t.Joined;
                counts.IncidentsOpened += t.IncidentsOpened;
            }
        }
    }

    /// <summary>The counts waiting under a key (new ones when there is room; else null, and counted as dropped). Under the lock.</summary>
    private Counts? Waiting(Key key, string title)
    {
        if (!_waiting.TryGetValue(key, out var counts))
        {
            if (_waiting.Count >= MaxWaiting)
            {
                Dropped++;
                return null;
            }

            _waiting[key] = counts = new Counts(title);
        }

        return counts;
    }

    private readonly record struct Key(string Tenant, string Rule, string Host, long Hour);

    private sealed class Counts(string title)
    {
        public string Title { get; } = title;
        public int[] Decisions { get; } = new int[4];
        public int IncidentsOpened { get; set; }
    }
}

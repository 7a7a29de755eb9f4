using System.Diagnostics;

namespace Incidents.Correlation.Benchmarks;

/// <summary>
/// Times each lateral step from the moment its batch is sent to the moment the step is drawn in the incident that
/// holds the host it reached, by polling that incident. The polls are grain calls too: they add load.
/// </summary>
internal sealed class HopWatch(Correlations correlations)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(2);
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly List<Task<TimeSpan?>> _watches = [];

    public void Watch(Hop hop, long sentAt)
    {
        lock (_watches)
        {
            _watches.Add(Task.Run(() => WatchAsync(hop, sentAt)));
        }
    }

    /// <summary>Each step's latency, or null for one not seen within <see cref="Deadline"/>.</summary>
    public async Task<TimeSpan?[]> AllAsync()
    {
        Task<TimeSpan?>[] watches;
        lock (_watches)
        {
            watches = [.. _watches];
        }

        return await Task.WhenAll(watches);
    }

    private async Task<TimeSpan?> WatchAsync(Hop hop, long sentAt)
    {
        while (true)
        {
            var incident = await correlations.IncidentOf(hop.To);

            // Taken when the read that shows the step returns: an upper bound, by up to one interval and one read.
            var elapsed = Stopwatch.GetElapsedTime(sentAt);
            if (incident is not null && incident.LateralMovement.Any(e => e.From == hop.From && e.To == hop.To))
            {
                return elapsed;
            }

            if (elapsed > Deadline)
            {
                return null;
            }

            await Task.Delay(Interval);
        }
    }
}

using System.Diagnostics;

namespace Incidents.LoadGenerator;

/// <summary>
/// Follows each tracked alert from its batch's 202 to the read that shows it in the incident holding its primary
/// host. Each host with alerts not yet seen has its own poller: every <see cref="Interval"/>, <c>?host=</c> gives
/// the incident, and the incident's alerts (up to 500) are searched for the alerts' titles, which are unique in the
/// run; so a slow read of one host does not hold up the others. At most <see cref="ReadsInFlight"/> reads are in
/// flight. An alert not seen within <see cref="Deadline"/> of its 202 is given up.
/// </summary>
public sealed class VisibilityWatch(AnalystApi api, CancellationToken cancellationToken) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    public const int ReadsInFlight = 8;

    private readonly Lock gate = new();
    private readonly Dictionary<string, List<TrackedAlert>> pending = new(StringComparer.Ordinal);
    private readonly List<Task> pollers = [];
    private readonly List<double> pollMs = [];
    private readonly SemaphoreSlim reads = new(ReadsInFlight);
    private long readErrors;

    public long ReadErrors => Interlocked.Read(ref readErrors);

    /// <summary>How long each poll (the host's incident, then the incident) took, sorted; read once <see cref="WaitAsync"/> has ended.</summary>
    public double[] PollMs
    {
        get
        {
            lock (gate)
            {
                return [.. pollMs.Order()];
            }
        }
    }

    public void Dispose() => reads.Dispose();

    /// <summary>Starts following an alert whose batch was just answered 202 (<see cref="TrackedAlert.AcceptedAt"/> set).</summary>
    public void Add(TrackedAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        lock (gate)
        {
            if (pending.TryGetValue(alert.PrimaryHost, out var alerts))
            {
                alerts.Add(alert);
                return;
            }

            pending[alert.PrimaryHost] = [alert];
            pollers.Add(Task.Run(() => PollAsync(alert.PrimaryHost), CancellationToken.None));
        }
    }

    /// <summary>Once no more alerts will be added: ends when every alert added was seen or given up.</summary>
    public async Task WaitAsync()
    {
        while (true)
        {
            Task[] running;
            lock (gate)
            {
                pollers.RemoveAll(p => p.IsCompleted);
                running = [.. pollers];
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running);
        }
    }

    private async Task PollAsync(string host)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            TrackedAlert[] waiting;
            lock (gate)
            {
                var alerts = pending[host];
                alerts.RemoveAll(a => Stopwatch.GetElapsedTime(a.AcceptedAt, started) > Deadline);
                if (alerts.Count == 0)
                {
                    pending.Remove(host);
                    return;
                }

                waiting = [.. alerts];
            }

            var titles = await ReadAsync(host);
            var at = Stopwatch.GetTimestamp();
            lock (gate)
            {
                pollMs.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
                if (titles is not null)
                {
                    foreach (var alert in waiting.Where(a => titles.Contains(a.Title)))
                    {
                        alert.Visible = Stopwatch.GetElapsedTime(alert.AcceptedAt, at);
                        pending[host].Remove(alert);
                    }
                }
            }

            var rest = Interval - Stopwatch.GetElapsedTime(started);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, CancellationToken.None);
            }
        }
    }

    /// <summary>The titles of the alerts in the incident that holds the host; null when it is in none, or a read failed.</summary>
    private async Task<HashSet<string>?> ReadAsync(string host)
    {
        try
        {
            var id = await OneReadAsync(() => api.IncidentOfAsync(host, cancellationToken));
            var incident = id is null ? null : await OneReadAsync(() => api.IncidentAsync(id, cancellationToken));
            return incident?.AlertTitles.ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (AnalystApi.IsReadFailure(e))
        {
            Interlocked.Increment(ref readErrors);
            return null;
        }
    }

    private async Task<T> OneReadAsync<T>(Func<Task<T>> read)
    {
        await reads.WaitAsync(CancellationToken.None);
        try
        {
            return await read();
        }
        finally
        {
            reads.Release();
        }
    }
}

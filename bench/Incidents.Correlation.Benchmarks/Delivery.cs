using System.Diagnostics;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;

namespace Incidents.Correlation.Benchmarks;

/// <summary>One host's share of a batch: one <see cref="IHostGrain.Observe"/> call.</summary>
internal sealed record HostCall(IHostGrain Host, AlertSummary[] Alerts);

/// <summary>A batch as the front door delivers it: one call per host it names, and the chain steps it carries.</summary>
internal sealed record Batch(int Alerts, IReadOnlyList<HostCall> Calls, IReadOnlyList<Hop> Hops);

/// <param name="SecondHalfRate">Alerts/s over the batches completed after the first half: past the hosts' activations.</param>
internal sealed record DeliveryResult(int Batches, long Calls, TimeSpan Elapsed, double SecondHalfRate);

internal static class Delivery
{
    /// <summary>
    /// Splits the stream into batches and each batch by host, as the front door does: an alert goes to every host it
    /// names. Done before the clock starts: the front door's work is not what is measured.
    /// </summary>
    public static IReadOnlyList<Batch> Prepare(IGrainFactory grains, Workload workload, int batchSize) =>
    [
        .. workload.Alerts.Chunk(batchSize).Select(alerts => new Batch(
            alerts.Length,
            [
                .. alerts.SelectMany(a => a.Hosts.Select(h => (Host: h, Alert: a)))
                    .GroupBy(p => p.Host, StringComparer.Ordinal)
                    .Select(g => new HostCall(grains.GetGrain<IHostGrain>(TenantScoped.Key(workload.Tenant, g.Key)), [.. g.Select(p => p.Alert)])),
            ],
            [.. alerts.Select(a => workload.Hops.GetValueOrDefault(a.Id)).OfType<Hop>()])),
    ];

    /// <summary>Sends the batches in order, <paramref name="concurrency"/> at a time, each one's host calls all at once.</summary>
    public static async Task<DeliveryResult> RunAsync(IReadOnlyList<Batch> batches, int concurrency, HopWatch? watch)
    {
        var next = -1;
        var completed = 0;
        long calls = 0, alerts = 0, halfwayAlerts = 0;
        var halfway = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var index && index < batches.Count)
            {
                var batch = batches[index];
                var sentAt = Stopwatch.GetTimestamp();
                var observed = Task.WhenAll(batch.Calls.Select(c => c.Host.Observe(c.Alerts)));
                foreach (var hop in batch.Hops)
                {
                    watch?.Watch(hop, sentAt);
                }

                await observed;
                Interlocked.Add(ref calls, batch.Calls.Count);
                var delivered = Interlocked.Add(ref alerts, batch.Alerts);
                if (Interlocked.Increment(ref completed) == batches.Count / 2)
                {
                    (halfway, halfwayAlerts) = (clock.Elapsed, delivered);
                }
            }
        })));

        var elapsed = clock.Elapsed;
        return new DeliveryResult(batches.Count, calls, elapsed, (alerts - halfwayAlerts) / (elapsed - halfway).TotalSeconds);
    }
}

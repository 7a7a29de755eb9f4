using System.Diagnostics;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;

namespace Incidents.HostMemory;

/// <param name="Calls">Observe calls made: one per host.</param>
/// <param name="NewAlerts">Alerts the hosts took as new.</param>
internal sealed record ActivationResult(long Calls, long NewAlerts, TimeSpan Elapsed);

internal static class Activation
{
    /// <summary>
    /// Activates hosts 0 to <paramref name="hosts"/> − 1 of the tenant as the front door would: batches of
    /// <paramref name="batch"/> hosts' alerts, split by host, one <see cref="IHostGrain.Observe"/> call per host, all of
    /// a batch's calls at once, <paramref name="concurrency"/> batches in flight. Each batch's alerts are made just
    /// before it is sent, so that the driver holds no more than the batches in flight.
    /// </summary>
    public static async Task<ActivationResult> RunAsync(IGrainFactory grains, string tenant, int hosts, int alertsPerHost, int batch, int concurrency)
    {
        var batches = (hosts + batch - 1) / batch;
        var next = -1;
        long calls = 0, fresh = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var index && index < batches)
            {
                var first = index * batch;
                var count = Math.Min(batch, hosts - first);
                var hostCalls = new (IHostGrain Host, AlertSummary[] Alerts)[count];
                for (var i = 0; i < count; i++)
                {
                    var host = first + i;
                    var alerts = new AlertSummary[alertsPerHost];
                    for (var n = 0; n < alertsPerHost; n++)
                    {
                        alerts[n] = NoiseAlerts.Alert(host, n, hosts);
                    }

                    hostCalls[i] = (grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, NoiseAlerts.HostKey(host))), alerts);
                }

                var answers = await Task.WhenAll(hostCalls.Select(c => c.Host.Observe(c.Alerts)));
                Interlocked.Add(ref calls, count);
                Interlocked.Add(ref fresh, answers.Sum(a => a.Count(isNew => isNew)));
            }
        })));

        return new ActivationResult(calls, fresh, clock.Elapsed);
    }

    /// <summary>
    /// What making a host's alerts costs the driver (an EVE item written and normalised, as the front door does), timed
    /// alone on one thread after the run: part of the CPU the activation took that is not the cluster's.
    /// </summary>
    public static TimeSpan TimeToMake(int hosts, int alertsPerHost)
    {
        var clock = Stopwatch.StartNew();
        for (var host = 0; host < hosts; host++)
        {
            for (var n = 0; n < alertsPerHost; n++)
            {
                GC.KeepAlive(NoiseAlerts.Alert(host, n, hosts));
            }
        }

        return clock.Elapsed / hosts;
    }
}

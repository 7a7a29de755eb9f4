using System.Globalization;
using System.Runtime;

namespace Incidents.Correlation.Benchmarks;

/// <summary>The run as a markdown report.</summary>
internal static class Report
{
    public static void Print(TextWriter output, BenchOptions options, IReadOnlyList<(string Name, string Value)> overrides, Workload workload, DeliveryResult delivery,
        ProcessSample process, long pollReadsDuringDelivery, IReadOnlyList<TimeSpan?> hops, CheckResult check)
    {
        var seconds = delivery.Elapsed.TotalSeconds;
        var seen = hops.OfType<TimeSpan>().Select(t => t.TotalMilliseconds).Order().ToArray();
        var lines = new List<string>
        {
            "## Correlation benchmark",
            "",
            F($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {options.Silos} silo(s) in process, memory storage."),
            "",
            "```sh",
            string.Concat(overrides.Select(o => $"Incidents__Correlation__{o.Name}={o.Value} ")) + options.CommandLine,
            "```",
            "",
            "| option | value |",
            "|---|---|",
            F($"| silos | {options.Silos} |"),
            F($"| hosts | {options.Hosts:N0} background hosts + {Workload.FileServer} + {workload.Chains.Count * Workload.ChainLength} chain hosts |"),
            F($"| alerts | {options.Alerts:N0}: {workload.HighNoise:N0} High noise, {workload.FileServerAlerts:N0} Low to the file server, {workload.Chains.Count * Workload.ItemsPerChain} in chains, the rest Low noise |"),
            F($"| chains | {options.Chains} of {Workload.ChainLength} hosts ({workload.Hops.Count} steps) |"),
            F($"| batch | {options.Batch:N0} alerts |"),
            F($"| concurrency | {options.Concurrency} batches in flight |"),
            F($"| seed | {options.Seed} |"),
            F($"| warmup | {(options.Warmup == 0 ? "none" : $"{options.Warmup:N0} alerts on {options.WarmupRun.Hosts:N0} hosts of another tenant first, untimed")} |"),
            F($"| correlation options | {(overrides.Count == 0 ? "defaults" : $"defaults but {string.Join(", ", overrides.Select(o => $"{o.Name} = {o.Value}"))}")} |"),
            "",
            "| figure | value |",
            "|---|---|",
            F($"| delivery wall time | {seconds:N2} s for {delivery.Batches:N0} batches |"),
            F($"| **throughput** | **{options.Alerts / seconds:N0} alerts/s** (second half of the batches: {delivery.SecondHalfRate:N0} alerts/s) |"),
            F($"| host calls (Observe) | {delivery.Calls:N0}, {delivery.Calls / seconds:N0} calls/s, {(double)options.Alerts / delivery.Calls:N2} alerts per call |"),
            F($"| CPU during delivery | {process.Cpu.TotalSeconds / seconds / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} cores ({process.Cpu.TotalSeconds / options.Alerts * 1e6:N1} µs CPU per alert) |"),
            F($"| GC during delivery | paused {process.GcPause.TotalSeconds / seconds:P1} of the time; {process.Allocated / (double)options.Alerts / 1024:N1} KB allocated per alert; gen0/1/2 {process.Gen0}/{process.Gen1}/{process.Gen2} |"),
            F($"| hop latency (batch sent → step visible) | {Latency(seen)} |"),
            F($"| hops never seen within {HopWatch.Deadline.TotalSeconds:N0} s | {hops.Count - seen.Length} of {hops.Count} |"),
            F($"| hop pollers' load | {pollReadsDuringDelivery:N0} grain reads during delivery ({pollReadsDuringDelivery / seconds:N0}/s), every {HopWatch.Interval.TotalMilliseconds:N0} ms per step in flight |"),
            F($"| **chains whole** | **{check.Whole} of {check.Verdicts.Count}** (settled {check.Settled.TotalSeconds:N2} s after delivery) |"),
            F($"| shared file server | {(check.SharedServerInIncident ? "**drawn into an incident (wrong)**" : "in no incident (routine, right)")} |"),
            F($"| incidents | {check.OpenIncidents:N0} open, {check.MergedIncidents:N0} merged |"),
        };

        var wrong = check.Verdicts.Where(v => v.Problem is not null).ToArray();
        if (wrong.Length > 0)
        {
            lines.Add("");
            lines.Add("Chains not whole:");
            lines.AddRange(wrong.Take(20).Select(v => F($"- chain {v.Chain.Index:D3}: {v.Problem}")));
            if (wrong.Length > 20)
            {
                lines.Add(F($"- and {wrong.Length - 20} more"));
            }
        }

        lines.Add("");
        lines.Add("The hop pollers are grain calls too and add load to the cluster they measure.");
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static string Latency(double[] sorted) => sorted.Length == 0
        ? "none seen"
        : F($"n {sorted.Length}, p50 {Percentile(sorted, 0.50):N1} ms, p95 {Percentile(sorted, 0.95):N1} ms, p99 {Percentile(sorted, 0.99):N1} ms, max {sorted[^1]:N1} ms");

    /// <summary>Nearest rank.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

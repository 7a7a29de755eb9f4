using System.Globalization;
using System.Runtime;
using Incidents.Correlation.Benchmarks;
using Orleans.Configuration;

namespace Incidents.HostMemory;

/// <summary>What the run measured: memory before and after activating the hosts, both after a compacting collection.</summary>
internal sealed record Measured(
    ActivationResult Activation, ProcessSample Cpu, TimeSpan MakingPerHost, MemorySample Before, MemorySample After,
    long HostsBefore, long HostsAfter, long TotalActivations, long StateWrites, TimeSpan StateWriteDelay, TimeSpan Settle);

/// <summary>The run as a markdown report.</summary>
internal static class HostMemoryReport
{
    public static void Print(TextWriter output, HostMemoryOptions options, IReadOnlyList<(string Name, string Value)> overrides,
        GrainCollectionOptions collection, Measured m, StateWeights? weights)
    {
        var n = options.Hosts;
        var grown = m.After - m.Before;
        var seconds = m.Activation.Elapsed.TotalSeconds;
        var perHost = (double)grown.Live / n;
        var lines = new List<string>
        {
            "## Host grain memory",
            "",
            F($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, 1 silo in process, storage that keeps nothing."),
            "",
            "```sh",
            string.Concat(overrides.Select(o => $"Incidents__Correlation__{o.Name}={o.Value} ")) + options.CommandLine,
            "```",
            "",
            "| option | value |",
            "|---|---|",
            F($"| hosts | {n:N0} (`bench/10.0.0.1` …), each activated by {(options.Alerts == 0 ? "an empty `Observe` call" : $"{options.Alerts} Low Suricata alert(s) in one `Observe` call")} |"),
            F($"| batch | {options.Batch:N0} hosts, {options.Concurrency} batches in flight |"),
            F($"| warmup | {(options.Warmup == 0 ? "none" : $"{options.Warmup:N0} hosts of another tenant first (in the heap before)")} |"),
            F($"| correlation options | {(overrides.Count == 0 ? "defaults" : $"defaults but {string.Join(", ", overrides.Select(o => $"{o.Name} = {o.Value}"))}")} |"),
            F($"| grain collection | idle after {collection.CollectionAge.TotalHours:N0} h (set for the run; Orleans' default is {new GrainCollectionOptions().CollectionAge.TotalMinutes:N0} min), shedding on memory pressure {(collection.EnableActivationSheddingOnMemoryPressure ? "on" : "off")} |"),
            "",
            "| figure | value |",
            "|---|---|",
            F($"| host grains active after the measurement | {m.HostsAfter - m.HostsBefore:N0} of {n:N0} ({m.HostsAfter:N0} with the warm-up's; {m.TotalActivations:N0} activations of all kinds) |"),
            F($"| alerts taken as new | {m.Activation.NewAlerts:N0} in {m.Activation.Calls:N0} calls |"),
            F($"| state writes (to storage that keeps nothing) | {m.StateWrites:N0}; state write delay {m.StateWriteDelay.TotalSeconds:N0} s, measured {m.Settle.TotalSeconds:N0} s after the last call |"),
            F($"| time to activate | {seconds:N1} s, {n / seconds:N0} hosts/s; CPU {m.Cpu.Cpu.TotalSeconds:N0} s ({m.Cpu.Cpu.TotalMicroseconds / n:N0} µs a host, of which the driver's making and normalising its alerts, timed alone: {m.MakingPerHost.TotalMicroseconds:N0}), GC pauses {m.Cpu.GcPause.TotalSeconds:N1} s |"),
            F($"| **live objects after a compacting GC** | **{Gb(m.After.Live)}** (before activating: {Gb(m.Before.Live)}) |"),
            F($"| **per host grain** | **{perHost:N0} bytes** (live objects after − before, over {n:N0} hosts) |"),
            F($"| GC heap after (fragmentation included) | {Gb(m.After.Heap)} (before: {Gb(m.Before.Heap)}; {(double)grown.Heap / n:N0} bytes a host) |"),
            F($"| GC committed | {Gb(m.After.Committed)} (before: {Gb(m.Before.Committed)}) |"),
            F($"| working set (RSS) | {Gb(m.After.WorkingSet)} (before: {Gb(m.Before.WorkingSet)}; {(double)grown.WorkingSet / n:N0} bytes a host) |"),
            F($"| resident anonymous (RssAnon) | {Gb(m.After.ResidentAnonymous)} (before: {Gb(m.Before.ResidentAnonymous)}) |"),
            F($"| private bytes | {Gb(m.After.Private)} (before: {Gb(m.Before.Private)}) |"),
            F($"| a million hosts at this rate | {Gb((long)(perHost * 1_000_000))} of live objects |"),
        };

        if (weights is { } w)
        {
            lines.AddRange(
            [
                "",
                F($"What one host grain holds, by part ({w.Count:N0} of each built outside the grains and weighed live after a compacting GC):"),
                "",
                "| part | bytes per host |",
                "|---|---|",
                .. w.AlertsPerHost == 0
                    ? new[]
                    {
                        F($"| `HostState`, empty (its six empty lists included) | {w.EmptyState:N0} |"),
                        F($"| seen-id hash set, empty | {w.EmptySeenSet:N0} |"),
                    }
                    : [
                        F($"| {w.AlertsPerHost} `AlertSummary` as a grain holds it (deserialized: strings, endpoints, lists of its own) | {w.Alert * w.AlertsPerHost:N0} |"),
                        F($"| `HostState` keeping it (its lists included; the alert not) | {w.State:N0} |"),
                        F($"| seen-id hash set (the id string shared with the alert) | {w.SeenSet:N0} |"),
                    ],
                F($"| **the host's own data** | **{w.Host:N0}** |"),
                F($"| the rest: Orleans' activation (its data, message loop, scheduler, DI scope, catalog, directory and collector entries), `HostGrain` and its helpers, and once the host has changed its state-write timer | {perHost - w.Host:N0} |"),
            ]);
        }

        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static string Gb(long bytes) => F($"{bytes / 1e9:N2} GB");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

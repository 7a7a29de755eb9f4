using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Incidents.Alerts;

namespace Incidents.Benchmarks;

/// <summary>
/// A quick breakdown of where each normaliser's time goes beyond the token floor, timed in the thread's CPU time
/// (<see cref="ThreadCpuClock"/>) so that it still means "per core" on a machine that others are loading: the
/// fixed costs every item pays whatever its format (UTF-8 validation, the <c>Raw</c> string, a SHA-256 for the
/// fingerprint) next to the whole call. Not a benchmark: one process, a median of rounds; use it to point at
/// something, then measure that with BenchmarkDotNet.
/// </summary>
public static class Probe
{
    private const int Rounds = 25;
    private const int MinimumItemsPerRound = 400;

    private delegate int ItemWork(ReadOnlySpan<byte> item);

    public static void Run()
    {
        var alerts = new AlertNormalizer(new NormalizerOptions());
        var context = new ContextEventNormalizer(new NormalizerOptions());
        Console.WriteLine("CPU ns per item (median of rounds), thread CPU time; wall = the same Normalize by the wall clock.");
        Console.WriteLine();
        Console.WriteLine("| input | items | accepted | bytes/item | UTF-8 check | read tokens (floor) | Raw string | SHA-256 ×1 | Normalize | ×floor | items/s per core | wall Normalize | alloc/item |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var format in Inputs.AlertFormats())
        {
            Row($"alert {format}", Inputs.AlertItems(format), item => alerts.Normalize(item, format).IsSuccess ? 1 : 0);
        }

        foreach (var format in Inputs.ContextFormats())
        {
            Row($"context {format}", Inputs.ContextItems(format), item => context.Normalize(item, format).IsSuccess ? 1 : 0);
        }

        Console.WriteLine();
        Console.WriteLine("Name matching: the floor plus, for every property name, Utf8JsonReader.ValueTextEquals against the");
        Console.WriteLine("parser's top-level names in the parser's order until one matches (all of them for an unknown name).");
        Console.WriteLine();
        Console.WriteLine("| input | names in the cascade | compares/item | read tokens | tokens + cascade | cascade/item |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|");
        CascadeRow("alert Suricata", Inputs.SuricataAlerts(), SuricataTopNames);
        CascadeRow("alert Native", NativeAlerts.Items(), NativeTopNames);
        foreach (var format in Inputs.ContextFormats().Where(format => format.ToString() == "Zeek"))
        {
            CascadeRow($"context {format} (conn)", Inputs.ContextItems(format), ZeekLogNames);
        }
    }

    // The names of the parsers' Identify methods, in their order (SuricataAlertParser, NativeAlertParser, ZeekLogParser).
    private static readonly byte[][] SuricataTopNames = Names(
        "timestamp", "flow_id", "event_type", "src_ip", "src_port", "dest_ip", "dest_port", "proto", "alert", "http", "dns", "tls", "fileinfo");

    private static readonly byte[][] NativeTopNames = Names(
        "source", "sourceId", "time", "title", "ruleId", "severity", "category", "tactic", "technique", "protocol", "src", "dst",
        "host", "user", "observables");

    private static readonly byte[][] ZeekLogNames = Names(
        "ts", "uid", "id.orig_h", "id_orig_h", "id.orig_p", "id_orig_p", "id.resp_h", "id_resp_h", "id.resp_p", "id_resp_p", "id",
        "proto", "service", "conn_state", "path", "name", "endpoint", "operation", "username", "domainname", "hostname",
        "server_nb_computer_name", "server_dns_computer_name", "success", "request_type", "client", "error_msg");

    private static byte[][] Names(params string[] names) => [.. names.Select(Encoding.UTF8.GetBytes)];

    private static void CascadeRow(string name, List<ReadOnlyMemory<byte>> items, byte[][] names)
    {
        long compares = items.Sum(item => (long)Cascade(item.Span, names, countOnly: true));
        var tokens = Measure(items, TokenReader.ReadAll);
        var cascade = Measure(items, item => Cascade(item, names, countOnly: false));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {names.Length} | {(double)compares / items.Count:F0} | {tokens.Cpu:F0} | {cascade.Cpu:F0} | {cascade.Cpu - tokens.Cpu:F0} |"));
    }

    // Every property name at any depth is matched against the list: an over-estimate for nested objects the parser
    // skips whole, an under-estimate for the nested names it matches against lists of its own.
    private static int Cascade(ReadOnlySpan<byte> item, byte[][] names, bool countOnly)
    {
        var reader = new System.Text.Json.Utf8JsonReader(item);
        int compares = 0;
        while (reader.Read())
        {
            if (reader.TokenType != System.Text.Json.JsonTokenType.PropertyName)
            {
                continue;
            }

            foreach (byte[] candidate in names)
            {
                compares++;
                if (!countOnly && reader.ValueTextEquals(candidate))
                {
                    break;
                }

                if (countOnly && reader.ValueSpan.SequenceEqual(candidate))
                {
                    break;
                }
            }
        }

        return compares;
    }

    private static void Row(string name, List<ReadOnlyMemory<byte>> items, ItemWork normalize)
    {
        int bytes = items.Sum(item => item.Length) / items.Count;
        int accepted = items.Sum(item => normalize(item.Span));
        var valid = Measure(items, item => Utf8.IsValid(item) ? 1 : 0);
        var tokens = Measure(items, TokenReader.ReadAll);
        var raw = Measure(items, item => Encoding.UTF8.GetString(item).Length);
        var sha = Measure(items, Sha256OfFingerprintSizedInput);
        var whole = Measure(items, normalize);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {items.Count} | {accepted} | {bytes} | {valid.Cpu:F0} | {tokens.Cpu:F0} | {raw.Cpu:F0} | {sha.Cpu:F0} | " +
            $"{whole.Cpu:F0} | {whole.Cpu / tokens.Cpu:F1} | {1e9 / whole.Cpu:N0} | {whole.Wall:F0} | {whole.Allocated} B |"));
    }

    // A fingerprint's input: source, time, rule id, title, two endpoints, host, user, flow key: about 120 bytes.
    private static int Sha256OfFingerprintSizedInput(ReadOnlySpan<byte> item)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(item[..Math.Min(item.Length, 120)], hash);
        return Convert.ToHexStringLower(hash[..16]).Length;
    }

    private static (double Cpu, double Wall, long Allocated) Measure(List<ReadOnlyMemory<byte>> items, ItemWork work)
    {
        int passes = Math.Max(1, (MinimumItemsPerRound + items.Count - 1) / items.Count);
        int perRound = passes * items.Count;
        int sink = 0;

        // Enough calls for tiered compilation to promote the hot methods, then time for the background JIT to finish.
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 300)
        {
            sink += Pass(items, passes, work);
        }

        Thread.Sleep(200);
        sink += Pass(items, passes, work);

        var cpu = new double[Rounds];
        var wall = new double[Rounds];
        long allocated = 0;
        for (int round = 0; round < Rounds; round++)
        {
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long wallStart = Stopwatch.GetTimestamp();
            long cpuStart = ThreadCpuClock.NowNanoseconds();
            sink += Pass(items, passes, work);
            cpu[round] = (double)(ThreadCpuClock.NowNanoseconds() - cpuStart) / perRound;
            wall[round] = Stopwatch.GetElapsedTime(wallStart).TotalNanoseconds / perRound;
            allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / perRound;
        }

        GC.KeepAlive(sink);
        Array.Sort(cpu);
        Array.Sort(wall);
        return (cpu[Rounds / 2], wall[Rounds / 2], allocated);
    }

    private static int Pass(List<ReadOnlyMemory<byte>> items, int passes, ItemWork work)
    {
        int sink = 0;
        for (int pass = 0; pass < passes; pass++)
        {
            foreach (var item in items)
            {
                sink += work(item.Span);
            }
        }

        return sink;
    }
}

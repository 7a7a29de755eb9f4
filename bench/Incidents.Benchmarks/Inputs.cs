using Incidents.Alerts;

namespace Incidents.Benchmarks;

/// <summary>
/// The input sets: real records from the shared data folder (and the hand-written native alerts), split into items
/// the way the front door splits a request body, by <see cref="AlertBatch.Split"/>.
/// </summary>
public static class Inputs
{
    /// <summary>
    /// Items handled per benchmark invocation, whatever the input set. BenchmarkDotNet's <c>OperationsPerInvoke</c>
    /// must be a compile-time constant and cannot follow a [Params] row (dotnet/BenchmarkDotNet#1832), so a
    /// benchmark walks its set round-robin, this many items per invocation, carrying on where the last invocation
    /// stopped: over an iteration (many invocations) every item is handled equally often, to within one, and the
    /// reported time and allocation are per item. Small enough that an invocation takes milliseconds, so
    /// BenchmarkDotNet can choose how many make an iteration.
    /// </summary>
    public const int ItemsPerInvoke = 250;

    public const string SuricataFile = "suricata/wrccdc-2017-alerts.json";

    /// <summary>The Suricata alerts in the shared data; checked when they are loaded.</summary>
    public const int SuricataAlertCount = 161;

    /// <summary>The alert formats that both exist in <see cref="AlertFormat"/> (as built) and have an input set here.</summary>
    public static IEnumerable<AlertFormat> AlertFormats() =>
        Enum.GetValues<AlertFormat>().Where(format => AlertFiles(format.ToString()) is not null);

    /// <summary>Likewise for <see cref="ContextEventFormat"/>.</summary>
    public static IEnumerable<ContextEventFormat> ContextFormats() =>
        Enum.GetValues<ContextEventFormat>().Where(format => ContextFiles(format.ToString()) is not null);

    public static List<ReadOnlyMemory<byte>> AlertItems(AlertFormat format) =>
        format == AlertFormat.Native
            ? NativeAlerts.Items()
            : Load(AlertFiles(format.ToString()) ?? throw new ArgumentOutOfRangeException(nameof(format), format, "no input set"));

    public static List<ReadOnlyMemory<byte>> ContextItems(ContextEventFormat format) =>
        Load(ContextFiles(format.ToString()) ?? throw new ArgumentOutOfRangeException(nameof(format), format, "no input set"));

    public static List<ReadOnlyMemory<byte>> SuricataAlerts()
    {
        var items = Load([SuricataFile]);
        return items.Count == SuricataAlertCount
            ? items
            : throw new InvalidOperationException($"{SuricataFile} holds {items.Count} alerts; the benchmarks expect {SuricataAlertCount}.");
    }

    /// <summary>Names by string, not enum member, so this compiles while a format is still being added.</summary>
    private static string[]? AlertFiles(string format) => format switch
    {
        "Native" => [],
        "Suricata" => [SuricataFile],
        "Ocsf" => Matching("ocsf", "prowler-*.json"),
        "Ecs" => Matching("ecs-alerts", "*.ndjson"),
        "Zeek" => [.. Matching("zeek/brim-wrccdc-2018", "notice.ndjson"), .. Matching("zeek/otrf-apt29-day1", "*_notice.log")],
        _ => null,
    };

    private static string[]? ContextFiles(string format) => format switch
    {
        "Windows" => Matching("windows-logons", "*.ndjson"),
        "Zeek" => ["zeek/otrf-apt29-day1/NASHUA_conn.log"],
        _ => null,
    };

    private static string[] Matching(string folder, string pattern) =>
        [.. SharedData.Files(folder, pattern).Select(file => Path.GetRelativePath(SharedData.Directory, file))];

    // Each file is one body, as a client would send it: a JSON array or object (.json), else NDJSON.
    private static List<ReadOnlyMemory<byte>> Load(string[] files)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        foreach (string file in files)
        {
            var form = file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? BatchForm.Json : BatchForm.NdJson;
            items.AddRange(AlertBatch.Split(SharedData.Bytes(file), form));
        }

        return items;
    }
}

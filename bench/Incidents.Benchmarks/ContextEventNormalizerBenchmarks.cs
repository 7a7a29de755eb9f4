using BenchmarkDotNet.Attributes;
using Incidents.Alerts;

namespace Incidents.Benchmarks;

/// <summary>
/// <see cref="ContextEventNormalizer.Normalize"/> over the real Windows logons (<c>windows-logons/*.ndjson</c>) and
/// Zeek conn records (<c>NASHUA_conn.log</c>), one row per format that <see cref="ContextEventFormat"/> has and that
/// has an input set; beside it the floor of reading every token. Times and allocations are per item
/// (<see cref="Inputs.ItemsPerInvoke"/> items per invocation, round-robin over the set).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ContextEventNormalizerBenchmarks
{
    private readonly ContextEventNormalizer _normalizer = new(new NormalizerOptions());
    private ReadOnlyMemory<byte>[] _items = [];
    private int _next;

    public static IEnumerable<ContextEventFormat> Formats() => Inputs.ContextFormats();

    [ParamsSource(nameof(Formats))]
    public ContextEventFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var set = Inputs.ContextItems(Format);
        int accepted = 0;
        foreach (var item in set)
        {
            accepted += _normalizer.Normalize(item.Span, Format).IsSuccess ? 1 : 0;
        }

        Console.WriteLine($"// {Format}: {set.Count} items, {set.Sum(item => item.Length) / set.Count} bytes on average, " +
            $"{accepted} accepted; {Inputs.ItemsPerInvoke} per invocation, round-robin");
        _items = [.. set];
        _next = 0;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Inputs.ItemsPerInvoke, Description = "Read tokens (floor)")]
    public int ReadTokens()
    {
        var items = _items;
        int next = _next;
        int tokens = 0;
        for (int i = 0; i < Inputs.ItemsPerInvoke; i++)
        {
            tokens += TokenReader.ReadAll(items[next].Span);
            next = next + 1 == items.Length ? 0 : next + 1;
        }

        _next = next;
        return tokens;
    }

    [Benchmark(OperationsPerInvoke = Inputs.ItemsPerInvoke, Description = "ContextEventNormalizer.Normalize")]
    public int Normalize()
    {
        var items = _items;
        int next = _next;
        int accepted = 0;
        for (int i = 0; i < Inputs.ItemsPerInvoke; i++)
        {
            accepted += _normalizer.Normalize(items[next].Span, Format).IsSuccess ? 1 : 0;
            next = next + 1 == items.Length ? 0 : next + 1;
        }

        _next = next;
        return accepted;
    }
}

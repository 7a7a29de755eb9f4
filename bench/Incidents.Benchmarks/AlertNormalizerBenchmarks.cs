using BenchmarkDotNet.Attributes;
using Incidents.Alerts;

namespace Incidents.Benchmarks;

/// <summary>
/// <see cref="AlertNormalizer.Normalize"/> over each format's real input set, one row per format that
/// <see cref="AlertFormat"/> has when built; beside it the floor of reading every token of the same items.
/// Times and allocations are per item (<see cref="Inputs.ItemsPerInvoke"/> items per invocation, round-robin over the set).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class AlertNormalizerBenchmarks : RoundRobinBenchmarks
{
    private readonly AlertNormalizer _normalizer = new(new NormalizerOptions());
    private Func<ReadOnlySpan<byte>, int> _normalize = null!;

    public static IEnumerable<AlertFormat> Formats() => Inputs.AlertFormats();

    [ParamsSource(nameof(Formats))]
    public AlertFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Made once, so that a round allocates no delegate and the per-item allocation is the normaliser's alone.
        _normalize = item => _normalizer.Normalize(item, Format).IsSuccess ? 1 : 0;
        Load(Format.ToString(), Inputs.AlertItems(Format), _normalize);
    }

    [Benchmark(OperationsPerInvoke = Inputs.ItemsPerInvoke, Description = "AlertNormalizer.Normalize")]
    public int Normalize() => Round(_normalize);
}

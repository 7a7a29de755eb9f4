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
public class ContextEventNormalizerBenchmarks : RoundRobinBenchmarks
{
    private readonly ContextEventNormalizer _normalizer = new(new NormalizerOptions());
    private Func<ReadOnlySpan<byte>, int> _normalize = null!;

    public static IEnumerable<ContextEventFormat> Formats() => Inputs.ContextFormats();

    [ParamsSource(nameof(Formats))]
    public ContextEventFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Made once, so that a round allocates no delegate and the per-item allocation is the normaliser's alone.
        _normalize = item => _normalizer.Normalize(item, Format).IsSuccess ? 1 : 0;
        Load(Format.ToString(), Inputs.ContextItems(Format), _normalize);
    }

    [Benchmark(OperationsPerInvoke = Inputs.ItemsPerInvoke, Description = "ContextEventNormalizer.Normalize")]
    public int Normalize() => Round(_normalize);
}

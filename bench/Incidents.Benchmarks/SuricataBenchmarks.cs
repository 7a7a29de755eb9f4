using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Incidents.Alerts;

namespace Incidents.Benchmarks;

/// <summary>
/// The 161 real Suricata alerts, each once per invocation, five ways: the token-reading floor, the normaliser (keeping
/// each raw item, and as the front door runs it, without), and
/// System.Text.Json deserialising into a 17-field POCO (reflection metadata, and source-generated metadata).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class SuricataBenchmarks
{
    private static readonly JsonSerializerOptions ReflectionOptions = new();

    private readonly AlertNormalizer _normalizer = new(new NormalizerOptions());

    /// <summary>As the front door runs it: no raw copy of each item (IngestServiceExtensions).</summary>
    private readonly AlertNormalizer _frontDoor = new(new NormalizerOptions { KeepRaw = false });
    private List<ReadOnlyMemory<byte>> _items = [];

    [GlobalSetup]
    public void Setup() => _items = Inputs.SuricataAlerts();

    [Benchmark(Baseline = true, OperationsPerInvoke = Inputs.SuricataAlertCount, Description = "Read tokens (floor)")]
    public int ReadTokens()
    {
        int tokens = 0;
        foreach (var item in _items)
        {
            tokens += TokenReader.ReadAll(item.Span);
        }

        return tokens;
    }

    [Benchmark(OperationsPerInvoke = Inputs.SuricataAlertCount, Description = "AlertNormalizer.Normalize")]
    public int Normalize() => Accepted(_normalizer);

    [Benchmark(OperationsPerInvoke = Inputs.SuricataAlertCount, Description = "AlertNormalizer.Normalize, as the front door runs it")]
    public int NormalizeAtTheFrontDoor() => Accepted(_frontDoor);

    private int Accepted(AlertNormalizer normalizer)
    {
        int accepted = 0;
        foreach (var item in _items)
        {
            accepted += normalizer.Normalize(item.Span, AlertFormat.Suricata).IsSuccess ? 1 : 0;
        }

        return accepted;
    }

    [Benchmark(OperationsPerInvoke = Inputs.SuricataAlertCount, Description = "JsonSerializer POCO (reflection)")]
    public long DeserializeReflection()
    {
        long sum = 0;
        foreach (var item in _items)
        {
            sum += JsonSerializer.Deserialize<SuricataEve>(item.Span, ReflectionOptions)?.Alert?.SignatureId ?? 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Inputs.SuricataAlertCount, Description = "JsonSerializer POCO (source-gen)")]
    public long DeserializeSourceGenerated()
    {
        long sum = 0;
        foreach (var item in _items)
        {
            sum += JsonSerializer.Deserialize(item.Span, SuricataJsonContext.Default.SuricataEve)?.Alert?.SignatureId ?? 0;
        }

        return sum;
    }
}

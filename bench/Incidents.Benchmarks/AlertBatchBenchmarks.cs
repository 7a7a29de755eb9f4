using System.Text;
using BenchmarkDotNet.Attributes;
using Incidents.Alerts;

namespace Incidents.Benchmarks;

/// <summary>
/// <see cref="AlertBatch.Split"/> of a 1,000-alert JSON array body (the 161 real Suricata alerts repeated, as
/// Suricata wrote them, pretty-printed), per item.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class AlertBatchBenchmarks
{
    public const int BatchItems = 1_000;

    private ReadOnlyMemory<byte> _body;

    [GlobalSetup]
    public void Setup()
    {
        var alerts = Inputs.SuricataAlerts();
        using var body = new MemoryStream();
        body.Write("[\n"u8);
        for (int i = 0; i < BatchItems; i++)
        {
            if (i > 0)
            {
                body.Write(",\n"u8);
            }

            body.Write(alerts[i % alerts.Count].Span);
        }

        body.Write("\n]\n"u8);
        _body = body.ToArray();

        int count = AlertBatch.Split(_body, BatchForm.Json, maxItems: BatchItems).Count;
        Console.WriteLine($"// batch: {_body.Length} bytes, {count} items");
        if (count != BatchItems)
        {
            throw new InvalidOperationException($"the batch split into {count} items, not {BatchItems}: {Encoding.UTF8.GetString(_body.Span[..100])}");
        }
    }

    [Benchmark(OperationsPerInvoke = BatchItems, Description = "AlertBatch.Split (JSON array)")]
    public int SplitJsonArray() => AlertBatch.Split(_body, BatchForm.Json, maxItems: BatchItems).Count;
}

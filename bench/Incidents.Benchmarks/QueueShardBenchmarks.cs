using BenchmarkDotNet.Attributes;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Incidents;
using Incidents.Grains;
using Incidents.Grains.Queue;

namespace Incidents.Benchmarks;

/// <summary>
/// One queue shard's page of 50 at 100,000 incidents a tenant (6,250 a shard): what a page costs each of the 16 shards
/// it asks. The baseline is the shard's query before this change (filter to a list, sort with a comparer that made two
/// positions per comparison, take 50), in the same run.
/// </summary>
[MemoryDiagnoser]
public class QueueShardBenchmarks
{
    private const int Incidents = 6_250;
    private QueueShard _shard = null!;
    private IncidentIndexState _state = null!;

    [Params("limit=50", "severity=high&sort=severity", "q=host-7")]
    public string Query { get; set; } = "";

    private IncidentQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(7);
        _state = new IncidentIndexState();
        _shard = new QueueShard(_state, new CorrelationOptions());
        for (var i = 0; i < Incidents; i++)
        {
            var created = start.AddSeconds(random.Next(0, 30 * 86_400));
            _shard.Put(new IncidentSummary
            {
                Id = $"{random.Next(16):x}{Guid.NewGuid():N}"[..32],
                Title = $"Lateral movement from host-{i}",
                Status = (IncidentStatus)random.Next(0, 3),
                Severity = (Severity)random.Next(1, 5),
                Hosts = [$"host-{i}", $"host-{i + 1}"],
                Users = [$"user-{i % 50}"],
                AlertCount = random.Next(1, 500),
                FirstSeen = created,
                LastSeen = created.AddMinutes(5),
                CreatedAt = created,
                UpdatedAt = created.AddMinutes(random.Next(0, 600)),
                HostCount = 2,
                UserCount = 1,
            }, start.AddDays(31));
        }

        _query = Query switch
        {
            "severity=high&sort=severity" => new IncidentQuery { MinSeverity = Severity.High, Sort = IncidentSort.Severity },
            "q=host-7" => new IncidentQuery { Text = "host-7" },
            _ => new IncidentQuery(),
        };
    }

    [Benchmark(Baseline = true, Description = "filter, sort all, take 50 (before)")]
    public int SortAll()
    {
        var matching = _state.Incidents.Values.Where(_query.Matches).ToList();
        var comparer = Comparer<IncidentSummary>.Create((a, b) =>
            QueueOrder.Compare(QueueOrder.Position(a, _query.Sort), QueueOrder.Position(b, _query.Sort)));
        return matching.Order(comparer).Take(_query.Limit).Count() + matching.Count;
    }

    [Benchmark(Description = "one pass, a heap of 50 (now)")]
    public int HeapOfPage()
    {
        var page = _shard.Query(_query);
        return page.Items.Count + page.Total;
    }
}

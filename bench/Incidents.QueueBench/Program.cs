using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

// dotnet run -c Release --project bench/Incidents.QueueBench -- [--incidents 10000] [--pages 1000] [--actions 1000]
// against a running system (dotnet run -c Release --project AppHost); see README.md.
var options = Options.Parse(args);
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
using var ingest = Client(options.IngestKey);
using var analyst = Client(options.AnalystKey);
var run = $"qb{Guid.NewGuid():N}"[..10];
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"| figure | value |\n|---|---|\n| run marker | `{run}` |");

// 1. Alerts on new hosts, each opening an incident; done when the queue lists them all.
var started = Stopwatch.GetTimestamp();
var batches = Enumerable.Range(0, (options.Incidents + options.Batch - 1) / options.Batch).ToArray();
var retries = 0;
await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = options.InFlight }, async (b, ct) =>
{
    var alerts = new JsonArray();
    for (var i = b * options.Batch; i < Math.Min(options.Incidents, (b + 1) * options.Batch); i++)
    {
        alerts.Add(new JsonObject
        {
            ["source"] = "edr", ["sourceId"] = $"{run}-{i}", ["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["title"] = $"Queue bench {run} {i}", ["severity"] = (i % 4) switch { 0 => "critical", 1 => "high", _ => "medium" },
            ["host"] = $"{run}-h{i}", ["user"] = $"user-{i % 50}",
        });
    }

    var body = alerts.ToJsonString();
    while (true)
    {
        using var answer = await ingest.PostAsync("api/v1/alerts", new StringContent(body, Encoding.UTF8, "application/json"), ct);
        if (answer.StatusCode == HttpStatusCode.Accepted)
        {
            return;
        }

        if (answer.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            throw new InvalidOperationException($"a batch was answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}");
        }

        Interlocked.Increment(ref retries);
        await Task.Delay(answer.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
    }
});
var posted = Stopwatch.GetElapsedTime(started);
var listed = 0;
while (listed < options.Incidents)
{
    listed = (await Page($"q={run}&limit=1")).Total;
    if (listed < options.Incidents)
    {
        await Task.Delay(50);
    }
}

var allListed = Stopwatch.GetElapsedTime(started);
var total = (await Page("limit=1")).Total;
report.AppendLine(CultureInfo.InvariantCulture, $"| incidents opened by alerts on new hosts | {options.Incidents:N0} in batches of {options.Batch:N0}, {options.InFlight} in flight ({retries} retries after 429/503) |");
report.AppendLine(CultureInfo.InvariantCulture, $"| all posted (202) | {posted.TotalSeconds:F2} s |");
report.AppendLine(CultureInfo.InvariantCulture, $"| **all listed in the queue** | {allListed.TotalSeconds:F2} s: **{options.Incidents / allListed.TotalSeconds:N0} incidents/s** |");
report.AppendLine(CultureInfo.InvariantCulture, $"| incidents in the tenant's queue now | {total:N0} |");
Console.Out.Write(report.ToString()); // each phase as it ends: a later one may run for minutes
report.Clear();

// 2. Pages of the queue with filters, as analysts ask for them.
string[] queries =
[
    "limit=50", "status=new&status=acknowledged&limit=50", "severity=high&limit=50", "sort=severity&limit=50",
    "sort=created&limit=50", $"q={run}%201&limit=50", "user=user-7&limit=50", "assignee=me&limit=50", "tag=bench&limit=50",
    "severity=critical&status=new&sort=created&limit=50",
];
var pageTimes = new List<double>();
for (var i = 0; i < options.Pages; i++)
{
    var query = queries[i % queries.Length];
    var t = Stopwatch.GetTimestamp();
    var page = await Page(query);
    pageTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    if (i % queries.Length == 0 && page.Next is { } next)
    {
        // The next page by its cursor, timed as a page of its own.
        t = Stopwatch.GetTimestamp();
        await Page($"{query}&cursor={next}");
        pageTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
}

report.AppendLine(CultureInfo.InvariantCulture, $"| **a page of 50 with filters** ({pageTimes.Count:N0} pages, {queries.Length} kinds of query, one in ten followed by its next page) | {Percentiles(pageTimes)} |");
Console.Out.Write(report.ToString());
report.Clear();

// 3. Analysts' actions on the incidents just opened.
var ids = (await Page($"q={run}&limit=500")).Ids;
var actionTimes = new List<double>();
var refused = new SortedDictionary<int, int>();
var random = new Random(7);
for (var i = 0; i < options.Actions; i++)
{
    var id = ids[random.Next(ids.Count)];
    var (action, body) = (i % 4) switch
    {
        0 => ("notes", $$"""{"text":"bench note {{i}}"}"""),
        1 => ("tags", """{"add":["bench"]}"""),
        2 => ("assign", $$"""{"assignee":"analyst-{{i % 5}}","team":"soc"}"""),
        _ => ("severity", $$"""{"severity":"{{(i % 2 == 0 ? "low" : "critical")}}","reason":"bench"}"""),
    };
    var t = Stopwatch.GetTimestamp();
    using var answer = await analyst.PostAsync($"api/v1/incidents/{id}/{action}", new StringContent(body, Encoding.UTF8, "application/json"));
    actionTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    if (answer.StatusCode == HttpStatusCode.ServiceUnavailable)
    {
        refused[503] = refused.GetValueOrDefault(503) + 1; // storage did not take it in time: said, not hidden
    }
    else if (answer.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"{action} was answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
    }
}

report.AppendLine(CultureInfo.InvariantCulture, $"| **an analyst's action** ({options.Actions:N0}: notes, tags, assign, severity; each stored and audited before its 200) | {Percentiles(actionTimes)}{(refused.Count == 0 ? "" : "; answered 503 (storage away): " + refused.GetValueOrDefault(503))} |");
Console.Out.Write(report.ToString());
return 0;

async Task<(int Total, string? Next, List<string> Ids)> Page(string query)
{
    using var answer = await analyst.GetAsync($"api/v1/incidents?{query}");
    answer.EnsureSuccessStatusCode();
    using var json = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync());
    var root = json.RootElement;
    return (root.GetProperty("total").GetInt32(), root.GetProperty("next").GetString(),
        [.. root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)]);
}

static string Percentiles(List<double> times)
{
    times.Sort();
    double At(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.5):F1} ms, p95 {At(0.95):F1} ms, p99 {At(0.99):F1} ms, max {times[^1]:F1} ms");
}

HttpClient Client(string key)
{
    var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(2) };
    client.DefaultRequestHeaders.Add("X-Api-Key", key);
    return client;
}

internal sealed record Options(Uri Url, string IngestKey, string AnalystKey, int Incidents, int Batch, int InFlight, int Pages, int Actions)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(
            new Uri(values.GetValueOrDefault("url", "http://localhost:5080/")),
            values.GetValueOrDefault("ingest-key", "inc_dev_ingest_5b1f0c7e2a9d4c38"),
            values.GetValueOrDefault("analyst-key", "inc_dev_analyst_8e3a61d4b7c2f095"),
            Int("incidents", 10_000), Int("batch", 1_000), Int("in-flight", 4), Int("pages", 1_000), Int("actions", 1_000));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Incidents.TriageBench;

// dotnet run -c Release --project bench/Incidents.TriageBench -- [--url http://localhost:5080] [--seed 1] [--suricata PATH]
// Posts the real Suricata alerts, then a synthetic noisy day, to a running system on fresh storage, and reports what
// triage made of each: incidents, alerts per incident, decisions, and whether the day's real chains were found.
var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
var url = new Uri(options.GetValueOrDefault("--url", "http://localhost:5080"));
var seed = int.Parse(options.GetValueOrDefault("--seed", "1"), CultureInfo.InvariantCulture);
var suricata = options.GetValueOrDefault("--suricata", Path.Combine("..", "shared", "data", "suricata", "wrccdc-2017-alerts.json"));
using var ingest = Client(url, options.GetValueOrDefault("--ingest-key", "inc_dev_ingest_5b1f0c7e2a9d4c38"));
using var analyst = Client(url, options.GetValueOrDefault("--analyst-key", "inc_dev_analyst_8e3a61d4b7c2f095"));

if (!(await analyst.GetAsync("health")).IsSuccessStatusCode)
{
    await Console.Error.WriteLineAsync($"{url}health is not 200: is the system up (dotnet run -c Release --project AppHost)?");
    return 2;
}

var start = await Snapshot();
if (start.Incidents > 0)
{
    await Console.Error.WriteLineAsync($"The system already holds {start.Incidents} incidents: run this on fresh storage, so that every incident counted is this run's.");
    return 2;
}

var real = (JsonArray)JsonNode.Parse(await File.ReadAllTextAsync(suricata))!;
var posted = await Post([.. real.Select(a => a!.DeepClone())]);
var afterReal = await Settled();
var rows = new List<string> { Row("real Suricata (WRCCDC 2017)", real.Count, afterReal.Incidents, afterReal.InIncidents) };
var before = afterReal;
var now = DateTimeOffset.UtcNow;
var report = new List<string>();
for (var d = 0; d < 2; d++)
{
    // Day 1 is the day before yesterday, day 2 the last 24 hours; between them analysts resolve day 1.
    var day = new NoisyDay(seed, now.AddDays(d - 2));
    var clock = Stopwatch.StartNew();
    posted += await Post([.. day.Alerts]);
    var posting = clock.Elapsed;
    var after = await Settled();
    var chains = 0;
    foreach (var chain in day.Chains)
    {
        var (a, b) = (await Host(chain.Workstation), await Host(chain.Server));
        chains += a is not null && a == b ? 1 : 0;
    }

    rows.Add(Row($"synthetic noisy day {d + 1}", day.Alerts.Count, after.Incidents - before.Incidents, after.InIncidents - before.InIncidents));
    report.Add($"day {d + 1}: posted in {posting.TotalSeconds:0.0} s; its real chains in one incident each: {chains} of {day.Chains.Count}; "
        + $"open incidents naming the scanner: {(await analyst.GetFromJsonNode($"api/v1/incidents?host={NoisyDay.Scanner}&status=new&limit=1"))!["total"]}");
    if (d == 0)
    {
        report.Add($"resolved after day 1: {await ResolveAll(day)}");
    }

    before = await Snapshot();
}

var triage = await analyst.GetFromJsonNode("api/v1/metrics/triage");
var proposals = (await analyst.GetFromJsonNode("api/v1/triage/proposals"))?.AsArray().Count ?? 0;
Console.WriteLine("| part | alerts | incidents opened | alerts in them | alerts per incident |");
Console.WriteLine("|---|---|---|---|---|");
rows.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine($"accepted {posted} alerts");
report.ForEach(Console.WriteLine);
Console.WriteLine($"triage (GET /api/v1/metrics/triage): {triage?["alerts"]?.ToJsonString()}, incidents opened {triage?["incidentsOpened"]}; open proposals: {proposals}");
return 0;

static string Row(string part, int alerts, int incidents, long inIncidents) =>
    $"| {part} | {alerts:N0} | {incidents:N0} | {inIncidents:N0} | {(incidents == 0 ? "—" : ((double)inIncidents / incidents).ToString("0.0", CultureInfo.InvariantCulture))} |";

// What analysts decide at the end of day 1: the chains true positives, the scan benign, everything else false positive.
async Task<string> ResolveAll(NoisyDay day)
{
    var attack = new HashSet<string>(day.Chains.SelectMany(c => new[] { c.Workstation, c.Server }), StringComparer.Ordinal);
    var counts = new Dictionary<string, int>(StringComparer.Ordinal);
    foreach (var incident in await Incidents("&status=new"))
    {
        var hosts = incident["hosts"]!.AsArray().Select(h => (string)h!).ToArray();
        var classification = hosts.Any(attack.Contains) ? "truePositive" : hosts.Contains(NoisyDay.Scanner) ? "benign" : "falsePositive";
        var body = new JsonObject { ["status"] = "resolved", ["reason"] = "end of day 1", ["classification"] = classification }.ToJsonString();
        using var answer = await analyst.PostAsync($"api/v1/incidents/{incident["id"]}/status", new StringContent(body, Encoding.UTF8, "application/json"));
        answer.EnsureSuccessStatusCode();
        counts[classification] = counts.GetValueOrDefault(classification) + 1;
    }

    return string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"));
}

async Task<List<JsonNode>> Incidents(string filter)
{
    var all = new List<JsonNode>();
    string? cursor = null;
    do
    {
        var page = (await analyst.GetFromJsonNode($"api/v1/incidents?limit=500{filter}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}"))!;
        all.AddRange(page["items"]!.AsArray().Select(i => i!));
        cursor = (string?)page["next"];
    }
    while (cursor is not null);
    return all;
}

async Task<int> Post(JsonNode?[] alerts)
{
    var accepted = 0;
    foreach (var batch in alerts.Chunk(1_000))
    {
        var body = new JsonArray([.. batch]).ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            using var response = await ingest.PostAsync("api/v1/alerts", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < 20)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1)); // as a forwarder does
                continue;
            }

            response.EnsureSuccessStatusCode();
            accepted += JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accepted"]!.GetValue<int>();
            break;
        }
    }

    return accepted;
}

// The counts once they stop moving: hosts' decisions reach the rule books every 5 s, incidents their queue at once.
async Task<Counts> Settled()
{
    var last = await Snapshot();
    for (var unchanged = 0; unchanged < 3;)
    {
        await Task.Delay(TimeSpan.FromSeconds(4));
        var now = await Snapshot();
        unchanged = now == last ? unchanged + 1 : 0;
        last = now;
    }

    return last;
}

async Task<Counts> Snapshot()
{
    var live = (await Incidents("")).Where(i => (string)i["status"]! != "merged").ToList();
    var triaged = (await analyst.GetFromJsonNode("api/v1/metrics/triage"))?["alerts"]?["total"]?.GetValue<long>() ?? 0;
    return new Counts(live.Count, live.Sum(i => i["alertCount"]!.GetValue<long>()), triaged);
}

// The incident a host is in, followed through merges (a host learns its incident merged on its next alert).
async Task<string?> Host(string address)
{
    var id = (string?)(await analyst.GetFromJsonNode($"api/v1/hosts/{address}"))?["openIncidentId"];
    while (id is not null && (string?)(await analyst.GetFromJsonNode($"api/v1/incidents/{id}?alerts=1"))?["mergedInto"] is { } survivor)
    {
        id = survivor;
    }

    return id;
}

static HttpClient Client(Uri url, string key)
{
    var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    client.DefaultRequestHeaders.Add("X-Api-Key", key);
    return client;
}

internal sealed record Counts(int Incidents, long InIncidents, long Triaged);

internal static class HttpJson
{
    public static async Task<JsonNode?> GetFromJsonNode(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
    }
}

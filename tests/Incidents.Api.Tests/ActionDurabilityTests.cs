using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// A 200 to an analyst's action means it is in storage: a burst of actions on incidents in a two-silo cluster, the
/// silo holding most of them killed (SIGKILL) right after the last answer came, and every action is there after
/// failover — in the incident and in the queue. The ingest journal replays alerts, never actions, so nothing but the
/// write before the answer keeps them.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ActionDurabilityTests : IAsyncLifetime
{
    private const int Incidents = 24;
    private IncidentsSystem _system = null!;

    // Grains write behind every 30 s here, as in production, so that only the action's own write can have stored it.
    public async ValueTask InitializeAsync() => _system = await IncidentsSystem.StartAsync(silos: 2, siloSettings: new Dictionary<string, string>
    {
        ["Incidents__Correlation__StateWriteDelay"] = "00:00:30",
    });

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Every_answered_action_survives_a_silo_killed_right_after_the_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ingest = _system.CreateClient(TestKeys.Ingest);
        using var analyst = _system.CreateClient(TestKeys.Analyst);
        var m = Guid.NewGuid().ToString("N")[..8];
        var hosts = Enumerable.Range(0, Incidents).Select(i => $"kill-{m}-{i:D2}").ToArray();
        var batch = new JsonArray([.. hosts.Select(h => (JsonNode)Json.NativeAlert(h))]);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/alerts", Json.Body(batch), ct)).StatusCode);
        var ids = new List<string>();
        foreach (var host in hosts)
        {
            ids.Add((string)(await Json.Items(await analyst.GetAsync($"/api/v1/incidents?host={host}", ct))).Single()!["id"]!);
        }

        var answers = await Task.WhenAll(ids.Select(async id =>
        {
            var statuses = new List<HttpStatusCode>();
            foreach (var (action, body) in Actions(m))
            {
                using var answer = await analyst.PostAsync($"/api/v1/incidents/{id}/{action}", Json.Body(body), ct);
                statuses.Add(answer.StatusCode);
            }

            return statuses;
        }));
        // The silo holding most of the incidents, so that the kill takes some wherever the rebalancer put them.
        await (await Dashboard.BusiestSilo(_system, "IncidentGrain", TimeSpan.FromSeconds(30), ct)).KillAsync();

        Assert.All(answers.SelectMany(a => a), s => Assert.Equal(HttpStatusCode.OK, s));
        var lost = new List<string>();
        foreach (var id in ids)
        {
            var incident = await Poll.Until(
                async () =>
                {
                    using var read = await analyst.GetAsync($"/api/v1/incidents/{id}", ct);
                    return read.StatusCode == HttpStatusCode.OK ? await Json.Read(read) : null;
                },
                i => i is not null,
                TimeSpan.FromSeconds(120));
            var s = incident!["summary"]!;
            var kept = ((string)s["status"]!, (int)s["version"]!, (string?)s["assignee"], s["tags"]!.AsArray().Count, incident["notes"]!.AsArray().Count);
            if (kept != ("investigating", 5, $"alice-{m}", 1, 1))
            {
                lost.Add($"{id}: {kept}");
            }
        }

        Assert.True(lost.Count == 0, $"{lost.Count} of {Incidents} incidents lost answered actions:\n{string.Join("\n", lost)}");
        var queued = await Poll.Until(
            async () => (await Json.Read(await analyst.GetAsync($"/api/v1/incidents?assignee=alice-{m}&tag={m}&status=investigating&limit=100", ct)))["total"]!.GetValue<int>(),
            n => n == Incidents,
            TimeSpan.FromSeconds(60));
        Assert.Equal(Incidents, queued);
    }

    private static IEnumerable<(string Action, JsonObject Body)> Actions(string m) =>
    [
        ("acknowledge", new JsonObject()),
        ("assign", new JsonObject { ["assignee"] = $"alice-{m}" }),
        ("notes", new JsonObject { ["text"] = "seen lsass access" }),
        ("tags", new JsonObject { ["add"] = new JsonArray(m) }),
        ("status", new JsonObject { ["status"] = "investigating", ["reason"] = "looking" }),
    ];
}

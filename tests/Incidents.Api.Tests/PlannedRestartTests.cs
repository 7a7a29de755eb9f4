using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// A planned restart of the whole system, stopped the way the AppHost's orchestrator stops it: everything, storage
/// included, asked to stop at once and killed six seconds later. Its own system: it stops and restarts everything.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class PlannedRestartTests : IAsyncLifetime
{
    private const int Hosts = 50;
    private const int AlertsPerHost = 4;
    private IncidentsSystem _system = null!;

    // The production state write delay: what the grains hold is written 30 s after a change or when they deactivate.
    public async ValueTask InitializeAsync() => _system = await IncidentsSystem.StartAsync(
        silos: 2, siloSettings: new Dictionary<string, string> { ["Incidents__Correlation__StateWriteDelay"] = "00:00:30" });

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Every_incident_and_count_is_there_as_soon_as_the_restarted_API_is_healthy()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        var hosts = Enumerable.Range(0, Hosts).Select(i => $"restart-{run}-{i:d3}").ToList();
        using (var ingest = _system.CreateClient(TestKeys.Ingest))
        {
            // One forwarder, a batch per host, one after the other (a tenant's batches in flight are capped).
            foreach (var host in hosts)
            {
                var batch = new JsonArray([.. Enumerable.Range(0, AlertsPerHost).Select(_ => (JsonNode)Json.NativeAlert(host))]);
                using var answer = await ingest.PostAsync("/api/v1/alerts", Json.Body(batch.ToJsonString()), ct);
                Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            }
        }

        // Stopped well within the state write delay: only deactivation (or the journal) can save what the grains hold.
        await _system.StopAllAsOrchestratorAsync();
        await _system.StartStorageAsync();
        await _system.StartClusterAsync(silos: 2); // returns once the API's /health answers 200

        using var analyst = _system.CreateClient(TestKeys.Analyst);
        var missing = new List<string>();
        foreach (var host in hosts)
        {
            var listed = (await Json.Items(await analyst.GetAsync($"/api/v1/incidents?host={host}", ct)));
            var count = listed.Count == 1 ? (int)listed[0]!["alertCount"]! : -1;
            if (count != AlertsPerHost)
            {
                missing.Add($"{host}: {(listed.Count == 0 ? "no incident" : $"{listed.Count} incident(s), {count} alerts")}");
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {Hosts} incidents missing or short right after the restart:\n{string.Join("\n", missing)}");
    }
}

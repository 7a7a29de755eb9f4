using System.Net;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>Its own system: it stops and restarts the cluster, which the shared one's tests must not see.</summary>
public sealed class PersistenceTests : IAsyncLifetime
{
    private IncidentsSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await IncidentsSystem.StartAsync();

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Incidents_and_hosts_survive_a_stop_and_start_of_the_whole_cluster()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = $"persist-{Guid.NewGuid():N}"[..20];
        var batch = new System.Text.Json.Nodes.JsonArray(Json.NativeAlert(host), Json.NativeAlert(host, "low"));
        string id;
        using (var ingest = _system.CreateClient(TestKeys.Ingest))
        using (var analyst = _system.CreateClient(TestKeys.Analyst))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/alerts", Json.Body(batch.ToJsonString()), ct)).StatusCode);
            id = (string)(await Json.Read(await analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["openIncidentId"]!;
        }

        await _system.StopClusterAsync();
        await _system.StartClusterAsync(silos: 1);

        using var after = _system.CreateClient(TestKeys.Analyst);
        var incident = await Json.Read(await after.GetAsync($"/api/v1/incidents/{id}", ct));
        Assert.Equal(2, (int)incident["summary"]!["alertCount"]!);
        Assert.Equal(2, incident["alerts"]!.AsArray().Count);
        var hostView = await Json.Read(await after.GetAsync($"/api/v1/hosts/{host}", ct));
        Assert.Equal(id, (string)hostView["openIncidentId"]!);
        var listed = (await Json.Read(await after.GetAsync($"/api/v1/incidents?host={host}", ct))).AsArray();
        Assert.Equal(id, (string)Assert.Single(listed)!["id"]!);

        // A redelivery after the restart is still known: the host's memory of what it saw persisted too.
        using var ingestAfter = _system.CreateClient(TestKeys.Ingest);
        var again = await Json.Read(await ingestAfter.PostAsync("/api/v1/alerts", Json.Body(batch.ToJsonString()), ct));
        Assert.Equal(0, (int)again["accepted"]!);
        Assert.Equal(2, (int)again["duplicates"]!);
    }
}

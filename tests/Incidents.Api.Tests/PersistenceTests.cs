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
    public async Task Incidents_hosts_and_users_survive_a_stop_and_start_of_the_whole_cluster()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = $"persist-{Guid.NewGuid():N}"[..20];
        var batch = new System.Text.Json.Nodes.JsonArray(Json.NativeAlert(host), Json.NativeAlert(host, "low"));
        string id;
        using (var ingest = _system.CreateClient(TestKeys.Ingest))
        using (var analyst = _system.CreateClient(TestKeys.Analyst))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/alerts", Json.Body(batch.ToJsonString()), ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/events", Json.Body(Logon(host)), ct)).StatusCode);
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
        var listed = (await Json.Items(await after.GetAsync($"/api/v1/incidents?host={host}", ct)));
        Assert.Equal(id, (string)Assert.Single(listed)!["id"]!);
        var user = await Json.Read(await after.GetAsync("/api/v1/users/corp%5Cpersisted", ct));
        Assert.Contains(user["hosts"]!.AsArray(), h => (string)h!["host"]! == host);
        Assert.Contains(hostView["logons"]!.AsArray(), l => (string)l!["user"]! == "corp\\persisted");

        // A redelivery after the restart is still known: the host's memory of what it saw persisted too.
        using var ingestAfter = _system.CreateClient(TestKeys.Ingest);
        var again = await Json.Read(await ingestAfter.PostAsync("/api/v1/alerts", Json.Body(batch.ToJsonString()), ct));
        Assert.Equal(0, (int)again["accepted"]!);
        Assert.Equal(2, (int)again["duplicates"]!);
    }

    /// <summary>A Windows network logon (4624) to <paramref name="host"/>, as Winlogbeat ships it.</summary>
    private static string Logon(string host) => new System.Text.Json.Nodes.JsonObject
    {
        ["EventID"] = 4624,
        ["Hostname"] = host,
        ["TargetUserName"] = "persisted",
        ["TargetDomainName"] = "CORP",
        ["LogonType"] = "3",
        ["IpAddress"] = "10.9.9.9",
        ["@timestamp"] = "2026-11-27T09:00:00.000Z",
        ["EventRecordID"] = 4242,
    }.ToJsonString();
}

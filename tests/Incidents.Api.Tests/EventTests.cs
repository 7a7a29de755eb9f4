using System.Net;
using Incidents.Testing;

namespace Incidents.Api.Tests;

[Collection(SystemCollection.Name)]
public sealed class EventTests(SystemFixture fixture)
{
    [Fact]
    public async Task Real_Windows_logons_tell_hosts_who_logged_on_from_where_and_users_where_they_went()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = await File.ReadAllTextAsync(SharedData.Path("windows-logons/purplesharp_ad_playbook_I_2020-10-22042947.logon-events.ndjson"), ct);

        var response = await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(body, "application/x-ndjson"), ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await Json.Read(response);
        // Every record counts, though Windows writes several identical logons in one millisecond: each has its own record number.
        Assert.Equal(99, (int)result["accepted"]!);
        Assert.Equal(0, (int)result["duplicates"]!);
        Assert.Empty(result["rejected"]!.AsArray());

        // pgustavo's network logons from WORKSTATION5 (172.18.39.5) to the DC: lateral movement's raw material.
        var dc = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/hosts/mordordc", ct));
        var logon = dc["logons"]!.AsArray().Single(l => (string)l!["user"]! == "theshire\\pgustavo")!;
        Assert.True((int)logon["successes"]! >= 9);
        Assert.Contains(dc["contacts"]!.AsArray(), c => (string)c!["peer"]! == "172.18.39.5" && (string)c["direction"]! == "inbound");
        Assert.Null(dc["openIncidentId"]);

        var user = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/users/theshire%5Cpgustavo", ct));
        var hosts = user["hosts"]!.AsArray().Select(h => (string)h!["host"]!).ToList();
        Assert.Superset(new HashSet<string> { "mordordc", "workstation6", "workstation7", "172.18.39.5" }, hosts.ToHashSet());

        // Context never opens an incident by itself.
        Assert.Empty((await Json.Items(await fixture.Analyst.GetAsync("/api/v1/incidents?host=mordordc", ct))));

        var again = await Json.Read(await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(body, "application/x-ndjson"), ct));
        Assert.Equal(0, (int)again["accepted"]!);
        Assert.Equal(99, (int)again["duplicates"]!);
    }

    [Fact]
    public async Task Real_Zeek_logs_show_SCRANTON_reaching_NASHUA_over_the_lateral_movement_protocols()
    {
        var ct = TestContext.Current.CancellationToken;
        string[] logs = ["NASHUA_conn.log", "NASHUA_dce_rpc.log", "NASHUA_smb_mapping.log", "NASHUA_kerberos.log", "SCRANTON_conn.log", "SCRANTON_dce_rpc.log"];
        foreach (var log in logs)
        {
            var body = await File.ReadAllTextAsync(SharedData.Path($"zeek/otrf-apt29-day1/{log}"), ct);
            var result = await Json.Read(await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(body, "application/x-ndjson"), ct));
            Assert.True(result["rejected"]!.AsArray().Count == 0, $"{log}: {result["rejected"]}");
        }

        var nashua = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/hosts/10.0.1.6", ct));
        var fromScranton = nashua["contacts"]!.AsArray()
            .Where(c => (string)c!["peer"]! == "10.0.1.4" && (string)c["direction"]! == "inbound")
            .Select(c => (string)c!["protocol"]!)
            .ToHashSet();
        Assert.Contains("epmapper", fromScranton);
        Assert.NotEmpty(fromScranton);

        var scranton = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/hosts/10.0.1.4", ct));
        Assert.Contains(scranton["contacts"]!.AsArray(), c => (string)c!["peer"]! == "10.0.1.6" && (string)c["direction"]! == "outbound");
        Assert.Null(nashua["openIncidentId"]);
    }

    [Fact]
    public async Task An_alert_sent_to_the_events_endpoint_is_rejected_with_its_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        var suricata = (await File.ReadAllTextAsync(SharedData.Path("suricata/wrccdc-2017-alerts.json"), ct));
        var first = System.Text.Json.Nodes.JsonNode.Parse(suricata)!.AsArray()[0]!.ToJsonString();

        var result = await Json.Read(await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(first), ct));
        Assert.Equal(0, (int)result["accepted"]!);
        Assert.False(string.IsNullOrEmpty((string?)Assert.Single(result["rejected"]!.AsArray())!["error"]));
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// A system whose estate is the attack labs' networks (10/8 and 172.16/12): in the APT29 emulation 192.168.0.x is the
/// red team's command and control, outside the estate.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    public IncidentsSystem System { get; private set; } = null!;

    public HttpClient Ingest { get; private set; } = null!;

    public HttpClient Analyst { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        System = await IncidentsSystem.StartAsync(apiSettings: new Dictionary<string, string>
        {
            ["Incidents__Ingest__InternalNetworks__0"] = "10.0.0.0/8",
            ["Incidents__Ingest__InternalNetworks__1"] = "172.16.0.0/12",
        });
        Ingest = System.CreateClient(TestKeys.Ingest);
        Analyst = System.CreateClient(TestKeys.Analyst);
    }

    public async ValueTask DisposeAsync()
    {
        Ingest?.Dispose();
        Analyst?.Dispose();
        if (System is not null)
        {
            await System.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "lab";
}

/// <summary>Real recorded attacks, with the one alert each dataset lacks: the detection that opens the incident.</summary>
[Collection(LabCollection.Name)]
public sealed class RealAttackTests(LabFixture fixture)
{
    [Fact]
    public async Task APT29_moving_from_SCRANTON_to_NASHUA_over_WinRM_is_one_incident_with_that_step()
    {
        var ct = TestContext.Current.CancellationToken;

        // NASHUA's own notice first: a self-signed certificate to its C2, alone not worth an incident.
        await PostFile("/api/v1/alerts", "zeek/otrf-apt29-day1/NASHUA_notice.log", ct);
        foreach (var log in new[] { "NASHUA_conn", "NASHUA_dce_rpc", "NASHUA_smb_mapping", "NASHUA_kerberos", "SCRANTON_conn", "SCRANTON_dce_rpc", "SCRANTON_smb_mapping", "SCRANTON_kerberos" })
        {
            await PostFile("/api/v1/events", $"zeek/otrf-apt29-day1/{log}.log", ct);
        }

        Assert.Empty((await Json.Items(await fixture.Analyst.GetAsync("/api/v1/incidents?host=10.0.1.6", ct))));

        // Then what the sensor saw on SCRANTON 18 minutes before the lateral movement, and its own notice.
        var beacon = CorrelationTests.Suricata(new DateTimeOffset(2020, 4, 30, 0, 15, 0, TimeSpan.Zero), "10.0.1.4", 49_802, "192.168.0.5", 443,
            "ET MALWARE PowerShell Empire HTTPS C2 Beacon", 1, "T1071.001");
        var answer = await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(beacon), ct);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await PostFile("/api/v1/alerts", "zeek/otrf-apt29-day1/SCRANTON_notice.log", ct);

        var incident = await IncidentHolding("10.0.1.6", i => i["lateralMovement"]!.AsArray().Count > 0, ct);
        var step = Assert.Single(incident["lateralMovement"]!.AsArray())!;
        Assert.Equal(("10.0.1.4", "10.0.1.6", "winrm", "T1021.006"), ((string)step["from"]!, (string)step["to"]!, (string)step["via"]!, (string)step["technique"]!));
        Assert.Equal(new DateTimeOffset(2020, 4, 30, 0, 33, 26, TimeSpan.Zero), Truncate(DateTimeOffset.Parse((string)step["firstSeen"]!, CultureInfo.InvariantCulture)));
        Assert.Single(step["evidenceEventIds"]!.AsArray());
        Assert.Equal(["10.0.1.4", "10.0.1.6"], incident["hosts"]!.AsArray().Select(h => (string)h!).Order());
        Assert.Equal(3, (int)incident["summary"]!["alertCount"]!);
        Assert.Equal(["192.168.0.4", "192.168.0.5"], incident["externalAddresses"]!.AsArray().Select(h => (string)h!).Order());

        // The domain controller both enumerated over named pipes and Kerberos is not a suspect: that is what every host does.
        var dc = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/hosts/10.0.0.4", ct));
        Assert.Empty(dc["suspicions"]!.AsArray());
        Assert.Null(dc["openIncidentId"]);
    }

    [Fact]
    public async Task PurpleSharp_network_logons_from_WORKSTATION5_draw_WORKSTATION6_into_its_incident()
    {
        var ct = TestContext.Current.CancellationToken;
        var beacon = CorrelationTests.Suricata(new DateTimeOffset(2020, 10, 22, 8, 20, 0, TimeSpan.Zero), "172.18.39.5", 50_321, "203.0.113.99", 443,
            "ET MALWARE Cobalt Strike Beacon Observed", 1, "T1071.001");
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(beacon), ct)).StatusCode);
        await PostFile("/api/v1/events", "windows-logons/purplesharp_ad_playbook_I_2020-10-22042947.logon-events.ndjson", ct);

        // Before any of them raises an alert, the hosts WORKSTATION5 reached after its compromise are its blast radius.
        var ahead = await IncidentHolding("172.18.39.5", i => BlastRadius(i).Contains("workstation6") && BlastRadius(i).Contains("workstation7"), ct);
        var ws6Ahead = ahead["blastRadius"]!.AsArray().Single(b => (string)b!["host"]! == "workstation6")!;
        Assert.Equal(("172.18.39.5", "logon"), ((string)ws6Ahead["reachedFrom"]!, (string)ws6Ahead["how"]!));
        Assert.Contains("after its compromise", (string)ws6Ahead["evidence"]!, StringComparison.Ordinal);
        Assert.NotNull(ws6Ahead["when"]);

        // The EDR on WORKSTATION6 (named as Windows names it) fires after pgustavo's network logon from WORKSTATION5.
        var finding = new JsonObject
        {
            ["class_uid"] = 2004,
            ["activity_id"] = 1,
            ["time"] = new DateTimeOffset(2020, 10, 22, 8, 35, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            ["severity_id"] = 2,
            ["metadata"] = new JsonObject { ["version"] = "1.3.0", ["product"] = new JsonObject { ["name"] = "Defender for Endpoint" } },
            ["finding_info"] = new JsonObject { ["uid"] = "purplesharp-ws6-1", ["title"] = "Suspicious WinRM plugin host child process" },
            ["device"] = new JsonObject { ["hostname"] = "WORKSTATION6" },
        };
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(finding), ct)).StatusCode);

        var incident = await IncidentHolding("workstation6", i => i["lateralMovement"]!.AsArray().Count > 0, ct);
        var steps = incident["lateralMovement"]!.AsArray();
        var step = steps.Single(e => (string)e!["to"]! == "workstation6")!;
        Assert.Equal(("172.18.39.5", "logon", "T1078"), ((string)step["from"]!, (string)step["via"]!, (string)step["technique"]!));
        Assert.NotEmpty(step["evidenceEventIds"]!.AsArray());
        Assert.Contains("172.18.39.5", incident["hosts"]!.AsArray().Select(h => (string)h!));

        // WORKSTATION7 and the DC were reached the same way: suspects, waiting for an alert of their own.
        var ws7 = await Poll.Until(async () => await Json.Read(await fixture.Analyst.GetAsync("/api/v1/hosts/workstation7", ct)),
            h => h["suspicions"]!.AsArray().Count > 0);
        Assert.Equal("pending", (string)ws7["suspicions"]![0]!["state"]!);
        Assert.Null(ws7["openIncidentId"]);

        // WORKSTATION6 raised its alert and is in the incident: no longer ahead of the attacker; WORKSTATION7 still is.
        Assert.DoesNotContain("workstation6", BlastRadius(incident));
        Assert.Contains("workstation7", BlastRadius(incident));
    }

    private static List<string> BlastRadius(JsonNode incident) => [.. incident["blastRadius"]!.AsArray().Select(b => (string)b!["host"]!)];

    private async Task<JsonNode> IncidentHolding(string host, Func<JsonNode, bool> done, CancellationToken ct)
    {
        var list = await Poll.Until(
            async () => (await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?host={host}", ct))),
            l => l.Count > 0);
        Assert.NotEmpty(list);
        var incident = await Poll.Until(
            async () =>
            {
                var first = (await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?host={host}", ct)))[0]!;
                return await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{(string)first["id"]!}", ct));
            },
            done);
        Assert.True(done(incident), $"The incident holding {host} did not settle: {incident.ToJsonString()}");
        return incident;
    }

    private async Task PostFile(string path, string file, CancellationToken ct)
    {
        var body = await File.ReadAllTextAsync(SharedData.Path(file), ct);
        var answer = await fixture.Ingest.PostAsync(path, Json.Body(body, "application/x-ndjson"), ct);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.True((await Json.Read(answer))["rejected"]!.AsArray().Count == 0, file);
    }

    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);
}

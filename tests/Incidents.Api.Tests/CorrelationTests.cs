using Incidents.Testing;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Incidents.Api.Tests;

/// <summary>Lateral movement as Suricata and an EDR write it, posted to the front door out of order.</summary>
[Collection(SystemCollection.Name)]
public sealed class CorrelationTests(SystemFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private const string RansomwareHash = "5f4dcc3b5aa765d61d8327deb882cf99";

    /// <summary>A Suricata EVE alert, as the sensor writes it (local time with its offset).</summary>
    internal static string Suricata(DateTimeOffset at, string src, int srcPort, string dst, int dstPort, string signature, int severity, string? technique = null) =>
        new JsonObject
        {
            ["timestamp"] = at.ToOffset(TimeSpan.FromHours(-6)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture).Remove(29, 1),
            ["flow_id"] = Random.Shared.NextInt64(1, long.MaxValue),
            ["in_iface"] = "eth1",
            ["event_type"] = "alert",
            ["src_ip"] = src,
            ["src_port"] = srcPort,
            ["dest_ip"] = dst,
            ["dest_port"] = dstPort,
            ["proto"] = "TCP",
            ["alert"] = new JsonObject
            {
                ["action"] = "allowed",
                ["gid"] = 1,
                ["signature_id"] = 2_000_000 + Math.Abs(signature.GetHashCode(StringComparison.Ordinal) % 100_000),
                ["rev"] = 3,
                ["signature"] = signature,
                ["category"] = "A Network Trojan was detected",
                ["severity"] = severity,
                ["metadata"] = technique is null ? null : new JsonObject { ["mitre_technique_id"] = new JsonArray(technique) },
            },
        }.ToJsonString();

    /// <summary>An OCSF Detection Finding from an EDR that names the device by its address.</summary>
    internal static string Ocsf(DateTimeOffset at, string deviceIp, string title, int severityId, string technique) =>
        new JsonObject
        {
            ["class_uid"] = 2004,
            ["category_uid"] = 2,
            ["activity_id"] = 1,
            ["type_uid"] = 200401,
            ["time"] = at.ToUnixTimeMilliseconds(),
            ["severity_id"] = severityId,
            ["metadata"] = new JsonObject { ["version"] = "1.3.0", ["product"] = new JsonObject { ["name"] = "Defender for Endpoint", ["vendor_name"] = "Microsoft" } },
            ["finding_info"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString("N"),
                ["title"] = title,
                ["attacks"] = new JsonArray(new JsonObject { ["technique"] = new JsonObject { ["uid"] = technique } }),
            },
            ["device"] = new JsonObject { ["ip"] = deviceIp, ["type_id"] = 2 },
            ["observables"] = new JsonArray(new JsonObject { ["name"] = "file.hash", ["type_id"] = 8, ["value"] = RansomwareHash }),
            ["status_id"] = 1,
        }.ToJsonString();

    [Fact]
    public async Task A_chain_from_Suricata_and_an_EDR_posted_backwards_is_one_incident_with_its_path()
    {
        var ct = TestContext.Current.CancellationToken;
        var (a, b, c, d) = ("10.77.0.10", "10.77.0.11", "10.77.0.12", "10.77.0.13");
        string[] story =
        [
            Ocsf(Start, a, "Cobalt Strike beacon injected into rundll32", 4, "T1055"),
            Suricata(Start.AddMinutes(20), a, 49_712, b, 445, "ET EXPLOIT Possible ETERNALBLUE MS17-010 Echo Response", 1, "T1210"),
            Suricata(Start.AddMinutes(50), b, 50_110, c, 5985, "ET POLICY WinRM wsman Session Creation", 3),
            Suricata(Start.AddMinutes(80), c, 51_004, d, 3389, "ET POLICY MS Remote Desktop Administrator Login Request", 2),
            Ocsf(Start.AddMinutes(90), d, "Ransomware note written", 5, "T1486"),
            Suricata(Start.AddMinutes(30), "10.77.0.99", 53_000, "198.51.100.20", 443, "ET INFO Observed DNS over HTTPS Domain", 3),
        ];
        Array.Reverse(story);
        foreach (var half in story.Chunk(3))
        {
            var posted = await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(string.Join('\n', half), "application/x-ndjson"), ct);
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            Assert.Equal(3, (int)(await Json.Read(posted))["accepted"]!);
        }

        // ?host= finds the incident that holds the last host, whichever host's incident survived the merges.
        var found = await Poll.Until(
            async () => (await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?host={d}", ct))),
            list => list.Count > 0 && (int)list[0]!["hostCount"]! == 4);
        var id = (string)found[0]!["id"]!;
        var incident = await Poll.Until(
            async () => await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct)),
            i => i["lateralMovement"]!.AsArray().Count == 3);

        var steps = incident["lateralMovement"]!.AsArray();
        Assert.Equal([(a, b), (b, c), (c, d)], steps.Select(e => ((string)e!["from"]!, (string)e["to"]!)));
        Assert.Equal(["T1210", "T1021.006", "T1021.001"], steps.Select(e => (string)e!["technique"]!));
        Assert.Equal(Start.AddMinutes(20), DateTimeOffset.Parse((string)steps[0]!["firstSeen"]!, CultureInfo.InvariantCulture));
        var evidence = (string)Assert.Single(steps[0]!["evidenceAlertIds"]!.AsArray())!;
        Assert.Contains(incident["alerts"]!.AsArray(), alert => (string)alert!["id"]! == evidence);
        Assert.Equal(5, (int)incident["summary"]!["alertCount"]!);
        Assert.Equal("critical", (string)incident["summary"]!["severity"]!);
        Assert.Contains("lateral-movement", incident["summary"]!["categories"]!.AsArray().Select(x => (string)x!));
        Assert.Null(incident["mergedInto"]);
        Assert.Contains($"filehash:{RansomwareHash}", incident["observables"]!.AsArray().Select(o => (string)o!));
        Assert.DoesNotContain("10.77.0.99", incident["hosts"]!.AsArray().Select(h => (string)h!));

        // Every host reads the same incident; the ones merged away point at it and are listed only when asked for.
        foreach (var host in new[] { a, b, c })
        {
            var list = (await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?host={host}", ct)));
            Assert.Equal(id, (string)list[0]!["id"]!);
        }

        var merged = (await Json.Items(await fixture.Analyst.GetAsync("/api/v1/incidents?status=merged&limit=500", ct)))
            .Where(m => (string?)m!["mergedInto"] == id).ToList();
        Assert.NotEmpty(merged);
        var mergedView = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{(string)merged[0]!["id"]!}", ct));
        Assert.Equal(id, (string)mergedView["mergedInto"]!);
        Assert.DoesNotContain((await Json.Items(await fixture.Analyst.GetAsync("/api/v1/incidents?limit=500", ct))),
            i => (string)i!["status"]! == "merged");
    }
}

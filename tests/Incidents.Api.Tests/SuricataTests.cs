using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

[Collection(SystemCollection.Name)]
public sealed class SuricataTests(SystemFixture fixture)
{
    [Fact]
    public async Task All_161_real_Suricata_alerts_are_accepted_and_each_is_on_the_hosts_it_names()
    {
        var ct = TestContext.Current.CancellationToken;
        var text = await File.ReadAllTextAsync(SharedData.Path("suricata/wrccdc-2017-alerts.json"), ct);
        var alerts = JsonNode.Parse(text)!.AsArray();
        Assert.Equal(161, alerts.Count);

        var response = await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(text), ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await Json.Read(response);
        Assert.Equal(161, (int)result["accepted"]!);
        Assert.Empty(result["rejected"]!.AsArray());

        // Expected independently of the normaliser: which private addresses each alert names.
        var expectedCounts = new Dictionary<string, int>();
        var mustHaveIncident = new HashSet<string>();
        foreach (var alert in alerts)
        {
            var src = (string)alert!["src_ip"]!;
            var dst = (string)alert["dest_ip"]!;
            foreach (var ip in new[] { src, dst }.Where(IsPrivate).Distinct())
            {
                expectedCounts[ip] = expectedCounts.GetValueOrDefault(ip) + 1;
            }

            if ((int)alert["alert"]!["severity"]! <= 2)
            {
                // A scan is the scanning host's: filed there first when it is ours.
                var scan = ((string)alert["alert"]!["signature"]!).StartsWith("ET SCAN ", StringComparison.Ordinal);
                mustHaveIncident.Add(scan && IsPrivate(src) ? src : IsPrivate(dst) ? dst : src);
            }
        }

        foreach (var (ip, count) in expectedCounts)
        {
            var host = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{ip}", ct));
            Assert.True(count == (int)host["alertCount"]!, $"{ip}: expected {count} alerts, host grain has {host["alertCount"]}");
            if (mustHaveIncident.Contains(ip))
            {
                Assert.NotNull(host["openIncidentId"]);
            }
        }

        var incidents = (await Json.Items(await fixture.Analyst.GetAsync("/api/v1/incidents?limit=500", ct)));
        foreach (var ip in mustHaveIncident)
        {
            Assert.Contains(incidents, i => i!["hosts"]!.AsArray().Any(h => (string)h! == ip));
        }
    }

    [Fact]
    public async Task An_alert_from_an_older_suricata_without_an_offset_is_accepted_as_utc_and_marked()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = $"10.251.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
        var body = Json.Body(OffsetLessAlert(host));

        var dryRun = await Json.Read(await fixture.Ingest.PostAsync("/api/v1/alerts?dryRun=true", body, ct));
        Assert.Equal(1, (int)dryRun["accepted"]!);
        var shown = dryRun["alerts"]![0]!;
        Assert.Equal(new DateTimeOffset(2019, 1, 2, 3, 50, 11, TimeSpan.Zero).AddTicks(3_151_100), DateTimeOffset.Parse((string)shown["time"]!, CultureInfo.InvariantCulture));
        Assert.True((bool)shown["timeOffsetAssumed"]!);

        var response = await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(OffsetLessAlert(host)), ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await Json.Read(response);
        Assert.Equal(1, (int)result["accepted"]!);
        Assert.Empty(result["rejected"]!.AsArray());
        Assert.Equal(1, (int)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["alertCount"]!);
    }

    [Fact]
    public async Task A_zone_configured_for_suricata_reads_its_times_without_an_offset_in_that_zone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var berlin = await fixture.System.AddApiAsync(new Dictionary<string, string>
        {
            ["Incidents__Ingest__SourceTimeZones__suricata"] = "Europe/Berlin",
        });
        using var ingest = fixture.System.CreateClient(TestKeys.Ingest, berlin);

        var dryRun = await Json.Read(await ingest.PostAsync("/api/v1/alerts?dryRun=true", Json.Body(OffsetLessAlert("10.251.0.1")), ct));
        var shown = dryRun["alerts"]![0]!;
        var time = DateTimeOffset.Parse((string)shown["time"]!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(1), time.Offset);
        Assert.Equal(new DateTimeOffset(2019, 1, 2, 2, 50, 11, TimeSpan.Zero).AddTicks(3_151_100), time);
        Assert.True((bool)shown["timeOffsetAssumed"]!);
    }

    /// <summary>The first real alert, with its time as older Suricata versions and some exporters write it: no offset.</summary>
    private static JsonNode OffsetLessAlert(string destination)
    {
        var alert = JsonNode.Parse(File.ReadAllText(SharedData.Path("suricata/wrccdc-2017-alerts.json")))!.AsArray()[0]!.DeepClone();
        alert["timestamp"] = "2019-01-02T03:50:11.315110";
        alert["dest_ip"] = destination;
        return alert;
    }

    private static bool IsPrivate(string ip)
    {
        var bytes = IPAddress.Parse(ip).GetAddressBytes();
        return IPAddress.Parse(ip).AddressFamily == AddressFamily.InterNetwork
            && (bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168));
    }
}

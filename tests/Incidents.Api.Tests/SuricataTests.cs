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
                mustHaveIncident.Add(IsPrivate(dst) ? dst : src);
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

        var incidents = (await Json.Read(await fixture.Analyst.GetAsync("/api/v1/incidents?limit=500", ct))).AsArray();
        foreach (var ip in mustHaveIncident)
        {
            Assert.Contains(incidents, i => i!["hosts"]!.AsArray().Any(h => (string)h! == ip));
        }
    }

    private static bool IsPrivate(string ip)
    {
        var bytes = IPAddress.Parse(ip).GetAddressBytes();
        return IPAddress.Parse(ip).AddressFamily == AddressFamily.InterNetwork
            && (bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168));
    }
}

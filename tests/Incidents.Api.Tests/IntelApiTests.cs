using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Threat intelligence through the API: the real STIX bundles of ../shared/data imported (every indicator taken or
/// refused with why), CSV lists with bad rows, lookups by address, network and hash, who may import, and an alert to a
/// known-bad network opening an incident with the hit among its reasons.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class IntelApiTests(SystemFixture fixture)
{

    private static StringContent Body(string text, string media) => new(text, Encoding.UTF8, media);

    [Fact]
    public async Task The_real_stix_bundles_are_taken_indicator_by_indicator_and_looked_up_by_address_network_and_hash()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);

        var apt1 = await Json.Read(await admin.PostAsync("/api/v1/intel", Body(await File.ReadAllTextAsync(SharedData.Path("stix/apt1.json"), ct), "application/json"), ct));
        // Ten of its twelve indicators: the two on x509 certificates are compound patterns, answered with why.
        Assert.Equal((10, 64), ((int)apt1["accepted"]!, (int)apt1["skipped"]!));
        Assert.All(apt1["rejected"]!.AsArray(), r => Assert.Contains("compound", (string)r!["reason"]!, StringComparison.Ordinal));
        Assert.Equal(2, apt1["rejected"]!.AsArray().Count);
        var c2 = await fixture.Ingest.PostAsync("/api/v1/intel", Body(await File.ReadAllTextAsync(SharedData.Path("stix/indicators-for-C2-with-COA.json"), ct), "application/stix+json"), ct);
        Assert.Equal(HttpStatusCode.OK, c2.StatusCode); // a feed's ingest key may import
        Assert.Equal(2, (int)(await Json.Read(c2))["accepted"]!);

        var network = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/intel/223.167.1.9", ct));
        var hit = Assert.Single(network["indicators"]!.AsArray())!;
        Assert.Equal(("network", "223.166.0.0/15", "HTRAN Hop Point Accessor", true),
            ((string)hit["indicator"]!["kind"]!, (string)hit["indicator"]!["value"]!, (string)hit["indicator"]!["name"]!, (bool)hit["valid"]!));
        Assert.Equal("md5", (string)(await Json.Read(await fixture.Analyst.GetAsync("/api/v1/intel/001dd76872d80801692ff942308c64e6", ct)))["indicators"]![0]!["indicator"]!["kind"]!);
        var hash = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/intel/EF537F25C895BFA782526529A9B63D97AA631564D5D789C2B765448C8635FB6C", ct));
        Assert.Equal("sha256", (string)hash["kind"]!);
        Assert.Equal("File hash for Poison Ivy variant", (string)hash["indicators"]![0]!["indicator"]!["name"]!);
        Assert.Empty((await Json.Read(await fixture.Analyst.GetAsync("/api/v1/intel/example.org", ct)))["indicators"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync("/api/v1/intel/not%20a%20value", ct)).StatusCode);
    }

    [Fact]
    public async Task Indicators_it_cannot_take_are_each_reported_with_why_and_the_good_ones_beside_them_are_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var bundle = new JsonObject
        {
            ["type"] = "bundle", ["id"] = $"bundle--{Guid.NewGuid()}",
            ["objects"] = new JsonArray(
                Indicator($"[domain-name:value = 'c2-{marker}.example.net']"),
                Indicator("[ipv4-addr:value = '198.51.100.1'] AND [domain-name:value = 'x.example']"),
                Indicator("[process:name = 'evil.exe']"),
                Indicator("[ipv4-addr:value = '300.1.2.3']"),
                Indicator("[ipv4-addr:value = '0.0.0.0/1']"),
                new JsonObject { ["type"] = "malware", ["id"] = $"malware--{Guid.NewGuid()}", ["name"] = "x" },
                Indicator("[url:value = 'https://evil.example/payload']", validFrom: "2020-01-01T00:00:00Z", validUntil: "2019-01-01T00:00:00Z")),
        };
        var answer = await Json.Read(await admin.PostAsync("/api/v1/intel", Body(bundle.ToJsonString(), "application/json"), ct));
        Assert.Equal((1, 1), ((int)answer["accepted"]!, (int)answer["skipped"]!));
        var reasons = answer["rejected"]!.AsArray().ToDictionary(r => (int)r!["index"]!, r => (string)r!["reason"]!);
        Assert.Equal([1, 2, 3, 4, 6], reasons.Keys.Order());
        Assert.Contains("compound", reasons[1], StringComparison.Ordinal);
        Assert.Contains("not supported", reasons[2], StringComparison.Ordinal);
        Assert.Contains("not an IP address", reasons[3], StringComparison.Ordinal);
        Assert.Contains("broader than a /8", reasons[4], StringComparison.Ordinal);
        Assert.Contains("valid_until", reasons[6], StringComparison.Ordinal);

        // Addresses of its own (45.x.y.0/24), so that no other test's alert meets them.
        var net = $"45.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(0, 250)}";
        var csv = $"type,value,source,confidence,expiry\nip,{net}.7,feed-a,80,2030-01-01\nsha256,abc,feed-a,,\n"
            + $"domain,bad-{marker}.example.com,,101,\nwhatever,x,,,\n\"cidr\",\"{net}.0/24\",feed-b,70,\n";
        var listed = await Json.Read(await admin.PostAsync("/api/v1/intel?source=ops-list", Body(csv, "text/csv"), ct));
        Assert.Equal(2, (int)listed["accepted"]!);
        Assert.Equal([3, 4, 5], listed["rejected"]!.AsArray().Select(r => (int)r!["index"]!)); // line numbers
        Assert.Empty((await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/intel/bad-{marker}.example.com", ct)))["indicators"]!.AsArray());
        Assert.NotEmpty((await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/intel/c2-{marker}.example.net", ct)))["indicators"]!.AsArray());
        using var otherTenant = fixture.System.CreateClient(TestKeys.OtherTenantAnalyst);
        Assert.Empty((await Json.Read(await otherTenant.GetAsync($"/api/v1/intel/c2-{marker}.example.net", ct)))["indicators"]!.AsArray());

        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Analyst.PostAsync("/api/v1/intel", Body(csv, "text/csv"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.PostAsync("/api/v1/intel", Body(csv, "text/plain"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/intel", Body("{\"type\":\"report\"}", "application/json"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/intel", Body("value\n1.2.3.4\n", "text/csv"), ct)).StatusCode);
        var twice = await admin.PostAsync("/api/v1/intel", Body($"type,value,type\nip,{net}.8,url\n", "text/csv"), ct); // a column named twice: the first
        Assert.Equal(1, (int)(await Json.Read(twice))["accepted"]!);
    }

    [Fact]
    public async Task A_low_alert_to_a_known_bad_network_opens_an_incident_with_the_hit_among_its_reasons()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var third = Random.Shared.Next(0, 250);
        var csv = $"type,value,source,confidence\ncidr,45.{Random.Shared.Next(1, 250)}.{third}.0/24,cti-team,90\n";
        var answer = await Json.Read(await admin.PostAsync("/api/v1/intel", Body(csv, "text/csv"), ct));
        Assert.Equal(1, (int)answer["accepted"]!);
        var network = csv.Split('\n')[1].Split(',')[1][..^5]; // 45.x.y

        // Each silo's copy of the tenant's networks is refreshed within 30 s: alerts until then are decided without it.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        JsonNode? kept;
        do
        {
            var host = $"intel-{Guid.NewGuid():N}"[..20];
            var alert = Json.NativeAlert(host, "low", title: "Outbound TLS to a rare host");
            (alert["technique"], alert["ruleId"]) = (null, "2033001");
            alert["dst"] = new JsonObject { ["ip"] = $"{network}.9", ["port"] = 443 };
            var posted = await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(alert), ct);
            Assert.Equal(1, (int)(await Json.Read(posted))["accepted"]!);
            kept = await Poll.Until(
                async () => (await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["recentAlerts"]?.AsArray().FirstOrDefault(),
                a => a is not null);
        }
        while ((string?)kept?["triage"]?["decision"] != "opened" && DateTimeOffset.UtcNow < deadline);

        Assert.True((string?)kept?["triage"]?["decision"] == "opened", kept?.ToJsonString() ?? "(no alert kept)");
        Assert.Contains(kept!["triage"]!["reasons"]!.AsArray(), r => (string)r!["kind"]! == "intel" && ((string)r["detail"]!).Contains("cti-team", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hundred_thousand_indicators_are_taken_in_one_import_and_each_is_found()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var run = Guid.NewGuid().ToString("N");
        var hashes = Enumerable.Range(0, 100_000).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{run}/{i}")))).ToArray();
        var csv = new StringBuilder("type,value,source,confidence\n");
        foreach (var hash in hashes)
        {
            csv.Append("sha256,").Append(hash).Append(",bulk-feed,60\n");
        }

        var answer = await admin.PostAsync("/api/v1/intel", Body(csv.ToString(), "text/csv"), ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(100_000, (int)(await Json.Read(answer))["accepted"]!);
        foreach (var hash in new[] { hashes[0], hashes[31_337], hashes[^1] })
        {
            var found = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/intel/{hash}", ct));
            Assert.Equal("bulk-feed", (string)found["indicators"]![0]!["indicator"]!["source"]!);
        }
    }

    private static JsonObject Indicator(string pattern, string validFrom = "2014-05-08T09:00:00Z", string? validUntil = null)
    {
        var indicator = new JsonObject
        {
            ["type"] = "indicator", ["spec_version"] = "2.1", ["id"] = $"indicator--{Guid.NewGuid()}", ["pattern_type"] = "stix",
            ["pattern"] = pattern, ["valid_from"] = validFrom, ["name"] = "test",
        };
        if (validUntil is not null)
        {
            indicator["valid_until"] = validUntil;
        }

        return indicator;
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// The asset inventory through the API: JSON and CSV imports, each bad row reported beside the good ones, the same rows
/// again changing nothing, who may put, a hundred thousand assets in one import, and another tenant seeing none of it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AssetApiTests(SystemFixture fixture)
{
    private static StringContent Body(string text, string media) => new(text, Encoding.UTF8, media);

    [Fact]
    public async Task An_inventory_in_json_and_csv_is_taken_row_by_row_and_read_back_and_the_same_rows_change_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var marker = Guid.NewGuid().ToString("N")[..8];
        // Addresses of its own: the inventory names them, and an alert of another test on them would land on its hosts.
        var net = $"10.62.{Random.Shared.Next(0, 250)}";
        var json = new JsonArray(
            new JsonObject
            {
                ["name"] = $"DC-{marker}", ["addresses"] = new JsonArray($"{net}.10", $"::ffff:{net}.11"), ["owner"] = "identity team",
                ["businessUnit"] = "IT", ["criticality"] = 5, ["zone"] = "Crown-Jewel", ["tags"] = new JsonArray("domain-controller", "tier0"),
            },
            new JsonObject { ["name"] = "10.1.2.3" },
            new JsonObject { ["name"] = $"ws-{marker}", ["criticality"] = 9 },
            new JsonObject { ["name"] = $"ws2-{marker}", ["addresses"] = new JsonArray("not-an-ip") },
            new JsonObject { ["name"] = $"dc-{marker}" },
            "a string");

        var put = await admin.PutAsync("/api/v1/assets", Body(json.ToJsonString(), "application/json"), ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var answer = await Json.Read(put);
        Assert.Equal((1, 1), ((int)answer["accepted"]!, (int)answer["changed"]!));
        var reasons = answer["rejected"]!.AsArray().ToDictionary(r => (int)r!["index"]!, r => (string)r!["reason"]!);
        Assert.Equal([1, 2, 3, 4, 5], reasons.Keys.Order());
        Assert.Contains("not an address", reasons[1], StringComparison.Ordinal);
        Assert.Contains("criticality", reasons[2], StringComparison.Ordinal);
        Assert.Contains("not an IP address", reasons[3], StringComparison.Ordinal);
        Assert.Contains("also at 0", reasons[4], StringComparison.Ordinal); // names are keyed in lower case
        Assert.Contains("JSON object", reasons[5], StringComparison.Ordinal);

        var asset = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/assets/DC-{marker}", ct));
        Assert.Equal(($"dc-{marker}", 5, "crown-jewel", "identity team"), ((string)asset["name"]!, (int)asset["criticality"]!, (string)asset["zone"]!, (string)asset["owner"]!));
        Assert.Equal([$"{net}.10", $"{net}.11"], asset["addresses"]!.AsArray().Select(a => (string)a!));

        var again = await Json.Read(await admin.PutAsync("/api/v1/assets", Body(json.ToJsonString(), "application/json"), ct));
        Assert.Equal((1, 0), ((int)again["accepted"]!, (int)again["changed"]!));

        var csv = $"name,addresses,owner,criticality,zone,tags\nfs-{marker},{net}.5;{net}.6,storage team,4,internal,files;smb\nbad-{marker},,,high,,\n\"unclosed,,,,,\n";
        var listed = await Json.Read(await fixture.Ingest.PutAsync("/api/v1/assets", Body(csv, "text/csv"), ct)); // a CMDB feed's ingest key
        Assert.Equal(1, (int)listed["accepted"]!);
        Assert.Equal([3, 4], listed["rejected"]!.AsArray().Select(r => (int)r!["index"]!));
        Assert.Equal(["files", "smb"], (await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/assets/fs-{marker}", ct)))["tags"]!.AsArray().Select(t => (string)t!));

        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Analyst.PutAsync("/api/v1/assets", Body(csv, "text/csv"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.PutAsync("/api/v1/assets", Body(csv, "text/plain"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync("/api/v1/assets", Body("{}", "application/json"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync($"/api/v1/assets/nowhere-{marker}", ct)).StatusCode);
        using var otherTenant = fixture.System.CreateClient(TestKeys.OtherTenantAnalyst);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.GetAsync($"/api/v1/assets/dc-{marker}", ct)).StatusCode);
    }

    [Fact]
    public async Task A_hundred_thousand_assets_are_taken_in_one_import()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var run = Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder("name,addresses,owner,criticality\n");
        for (var i = 0; i < 100_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"h{i}-{run},10.{100 + (i >> 16)}.{(i >> 8) & 255}.{i & 255},team-{i % 40},{1 + (i % 5)}\n");
        }

        var answer = await Json.Read(await admin.PutAsync("/api/v1/assets", Body(csv.ToString(), "text/csv"), ct));
        Assert.Equal((100_000, 100_000), ((int)answer["accepted"]!, (int)answer["changed"]!));
        Assert.Equal("team-17", (string)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/assets/h99977-{run}", ct)))["owner"]!);
    }
}

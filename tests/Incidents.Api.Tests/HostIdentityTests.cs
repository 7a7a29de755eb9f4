using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// One host, one identity: the inventory maps addresses to names, so that an alert naming only an address lands on the
/// named host, and a host already known by its address is joined to its name without losing what either knew.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class HostIdentityTests(SystemFixture fixture)
{
    [Fact]
    public async Task A_host_known_by_its_address_joins_its_named_host_and_later_alerts_on_the_address_land_there()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = Guid.NewGuid().ToString("N")[..10];
        var (address, name) = ($"10.61.{Random.Shared.Next(0, 250)}.{Random.Shared.Next(1, 250)}", $"ws-{marker}");

        // Before the inventory knows it: the sensor names only the address, and the host keyed by it opens an incident.
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(address)), ct)).StatusCode);
        var incident = (string)(await Poll.Until(async () => await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{address}", ct)),
            h => h["openIncidentId"] is not null))["openIncidentId"]!;
        // And the named host had an alert of its own, before anyone knew they were one.
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(name, "low", title: "Rare process")), ct)).StatusCode);

        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var inventory = new JsonArray(new JsonObject { ["name"] = name, ["addresses"] = new JsonArray(address), ["owner"] = "desktop team" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/assets", new StringContent(inventory.ToJsonString(), Encoding.UTF8, "application/json"), ct)).StatusCode);

        // Both keys answer with the same host: what each knew, its incident, and the address among its aliases.
        var joined = await Poll.Until(async () => await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{address}", ct)),
            h => (string)h["key"]! == name);
        Assert.Equal((name, 2, incident), ((string)joined["key"]!, (int)joined["alertCount"]!, (string?)joined["openIncidentId"]));
        Assert.Equal([address], joined["aliases"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(joined.ToJsonString(), (await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{name}", ct))).ToJsonString());

        // A later alert naming only the address is named before it is journaled, and lands on the named host's incident.
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(address)), ct)).StatusCode);
        var after = await Poll.Until(async () => await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{incident}?alerts=10", ct)),
            i => (int)i["summary"]!["alertCount"]! >= 2);
        Assert.Contains(name, after["hosts"]!.AsArray().Select(h => (string)h!));
        Assert.Contains(after["alerts"]!.AsArray(), a => (string)a!["hosts"]![0]! == name);
        Assert.Equal(3, (int)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{name}", ct)))["alertCount"]!);
    }
}

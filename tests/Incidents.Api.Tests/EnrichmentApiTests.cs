using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Enrichment through the API: an incident's hosts' owners and criticality, its intelligence hits with their source, its
/// hosts' history, each with its time, in its <c>enrichment</c> section within moments of opening; what they make of it
/// (a crown jewel or a hit raises it; owner and criticality in the queue's filters); and the tenant's figures.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EnrichmentApiTests(SystemFixture fixture)
{
    private static StringContent Body(string text, string media) => new(text, Encoding.UTF8, media);

    private async Task<string> IncidentOf(string host, CancellationToken ct)
    {
        var view = await Poll.Until(async () => await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)), h => h["openIncidentId"] is not null);
        return (string?)view["openIncidentId"] ?? throw new InvalidOperationException($"{host} opened no incident: {view.ToJsonString()}");
    }

    private async Task<JsonNode> Enriched(string id, Func<JsonNode, bool> done, CancellationToken ct) =>
        await Poll.Until(async () => await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}?alerts=0", ct)), done);

    private static IEnumerable<JsonNode> Findings(JsonNode incident, string kind) =>
        incident["enrichment"]?["findings"]?.AsArray().Where(f => (string)f!["kind"]! == kind).Select(f => f!) ?? [];

    [Fact]
    public async Task An_incident_shows_its_hosts_owner_and_criticality_and_a_crown_jewel_raises_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = Guid.NewGuid().ToString("N")[..10];
        var (jewel, owner) = ($"db-{marker}", $"dba-{marker}");
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var assets = new JsonArray(new JsonObject
        {
            ["name"] = jewel, ["owner"] = owner, ["businessUnit"] = "Payments", ["criticality"] = 5, ["zone"] = "crown-jewel", ["tags"] = new JsonArray("pci"),
        });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/assets", Body(assets.ToJsonString(), "application/json"), ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(jewel, "medium")), ct)).StatusCode);
        var id = await IncidentOf(jewel, ct);
        var incident = await Enriched(id, i => (string?)i["summary"]!["owner"] == owner && (string)i["summary"]!["severity"]! == "high", ct);

        var summary = incident["summary"]!;
        Assert.Equal((owner, 5, "high"), ((string)summary["owner"]!, (int)summary["criticality"]!, (string)summary["severity"]!));
        var asset = Assert.Single(Findings(incident, "asset"));
        Assert.Equal((jewel, "assets", "inventory"), ((string)asset["entity"]!, (string)asset["enricher"]!, (string)asset["source"]!));
        Assert.Contains("Crown jewel", (string)asset["text"]!, StringComparison.Ordinal);
        Assert.NotNull(asset["at"]);
        Assert.Contains(incident["timeline"]!.AsArray(), e => (string)e!["kind"]! == "severity" && ((string)e["text"]!).Contains("enrichment", StringComparison.Ordinal));
        Assert.Contains(incident["enrichment"]!["runs"]!.AsArray(), r => (string)r!["enricher"]! == "assets" && (string)r["outcome"]! == "succeeded");
        Assert.Contains(Findings(incident, "host-first-seen"), f => (string)f["entity"]! == jewel);

        // In the queue's filters, and what does not fit them is refused with why.
        var listed = await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?owner={owner}&criticality=5", ct));
        Assert.Equal(id, (string)Assert.Single(listed)!["id"]!);
        Assert.Empty(await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?owner=nobody-{marker}", ct)));
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync("/api/v1/incidents?criticality=6", ct)).StatusCode);

        // A host of criticality 4 raises nothing, and its incident's owner and criticality still reach the queue.
        var (critical, team) = ($"app-{marker}", $"app-team-{marker}");
        var more = new JsonArray(new JsonObject { ["name"] = critical, ["owner"] = team, ["criticality"] = 4 });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/assets", Body(more.ToJsonString(), "application/json"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(critical, "high")), ct)).StatusCode);
        var queued = await Poll.Until(async () => await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?owner={team}&criticality=4", ct)), l => l.Count > 0);
        Assert.Equal((critical, 4), ((string)Assert.Single(queued)!["hosts"]![0]!, (int)queued[0]!["criticality"]!));

        // Another tenant sees neither the incident nor its enrichment.
        using var other = fixture.System.CreateClient(TestKeys.OtherTenantAnalyst);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/incidents/{id}", ct)).StatusCode);
        Assert.Empty(await Json.Items(await other.GetAsync($"/api/v1/incidents?owner={owner}", ct)));
    }

    [Fact]
    public async Task An_alert_to_a_known_command_and_control_address_is_enriched_with_the_hit_and_its_source()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var address = $"45.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(0, 250)}.{Random.Shared.Next(1, 250)}";
        var csv = $"type,value,source,confidence\nip,{address},c2-feed,95\n";
        Assert.Equal(1, (int)(await Json.Read(await admin.PostAsync("/api/v1/intel", Body(csv, "text/csv"), ct)))["accepted"]!);

        var host = $"ws-{Guid.NewGuid():N}"[..20];
        var alert = Json.NativeAlert(host, "low", title: "Outbound TLS to a rare host");
        (alert["technique"], alert["ruleId"]) = (null, "2033001");
        alert["dst"] = new JsonObject { ["ip"] = address, ["port"] = 443 };
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(alert), ct)).StatusCode);

        // A low alert to a known C2 opens an incident; its enrichment names the hit, with its source and time.
        var id = await IncidentOf(host, ct);
        var incident = await Enriched(id, i => Findings(i, "intel").Any() && (int)i["summary"]!["intelHits"]! > 0, ct);
        var hit = Assert.Single(Findings(incident, "intel"));
        Assert.Equal((address, "c2-feed", "intel"), ((string)hit["entity"]!, (string)hit["source"]!, (string)hit["enricher"]!));
        Assert.Contains("confidence 95", (string)hit["text"]!, StringComparison.Ordinal);
        Assert.NotNull(hit["at"]);
        Assert.Equal((1, "high"), ((int)incident["summary"]!["intelHits"]!, (string)incident["summary"]!["severity"]!));
    }

    [Fact]
    public async Task An_indicator_or_network_added_after_an_incident_opened_enriches_it_and_raises_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var (second, third) = (Random.Shared.Next(1, 250), Random.Shared.Next(0, 250));
        var (exact, inNetwork) = ($"45.{second}.{third}.10", $"45.{second}.{(third + 1) % 250}.20");
        var ids = new List<string>();
        foreach (var address in new[] { exact, inNetwork })
        {
            var host = $"ws-{Guid.NewGuid():N}"[..20];
            var alert = Json.NativeAlert(host, "medium", title: "Suspicious download");
            alert["dst"] = new JsonObject { ["ip"] = address, ["port"] = 443 };
            Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(alert), ct)).StatusCode);
            var id = await IncidentOf(host, ct);
            var clean = await Enriched(id, i => i["enrichment"]?["runs"]?.AsArray().Any(r => (string)r!["enricher"]! == "intel") == true, ct);
            Assert.Empty(Findings(clean, "intel"));
            Assert.Equal("medium", (string)clean["summary"]!["severity"]!);
            ids.Add(id);
        }

        var csv = $"type,value,source,confidence\nip,{exact},late-report,80\ncidr,45.{second}.{(third + 1) % 250}.0/24,late-report,70\n";
        Assert.Equal(2, (int)(await Json.Read(await admin.PostAsync("/api/v1/intel", Body(csv, "text/csv"), ct)))["accepted"]!);

        foreach (var (id, address) in ids.Zip([exact, inNetwork]))
        {
            var incident = await Enriched(id, i => Findings(i, "intel").Any() && (string)i["summary"]!["severity"]! == "high", ct);
            var hit = Assert.Single(Findings(incident, "intel"));
            Assert.Equal((address, "late-report"), ((string)hit["entity"]!, (string)hit["source"]!));
            Assert.Equal("high", (string)incident["summary"]!["severity"]!);
        }
    }

    [Fact]
    public async Task An_incidents_account_that_first_signed_in_from_an_address_the_day_of_the_incident_is_called_out()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = $"anaya-{Guid.NewGuid():N}"[..16];

        // The real CloudTrail console sign-in, as another account of this tenant's.
        var lines = (await File.ReadAllLinesAsync(SharedData.Path("ocsf/security-lake-cloudtrail-authentication.ndjson"), ct)).Take(1)
            .Select(l => l.Replace("\"anaya\"", $"\"{account}\"", StringComparison.Ordinal).Replace("3fcfb182-98f8-4744-bd45-10a395ab61cb", Guid.NewGuid().ToString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(string.Join('\n', lines), "application/x-ndjson"), ct)).StatusCode);

        // Twenty minutes later, an alert on a workstation where that account works.
        var host = $"ws-{Guid.NewGuid():N}"[..20];
        var alert = Json.NativeAlert(host);
        (alert["user"], alert["time"]) = (account, "2022-11-10T16:45:00Z");
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(alert), ct)).StatusCode);

        var incident = await Enriched(await IncidentOf(host, ct), i => Findings(i, "first-sign-in-from").Any(), ct);
        var first = Assert.Single(Findings(incident, "first-sign-in-from"));
        Assert.Equal((account, "identity", "cloudtrail"), ((string)first["entity"]!, (string)first["enricher"]!, (string)first["source"]!));
        Assert.Contains("First sign-in from 192.0.2.0", (string)first["text"]!, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1668097474000), first["at"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_hosts_earlier_incident_with_its_classification_is_in_the_history_of_its_next()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = $"ws-{Guid.NewGuid():N}"[..20];
        // A rule of its own: the verdict below teaches triage about it, and other tests' alerts share the usual rule.
        JsonObject Alert()
        {
            var alert = Json.NativeAlert(host);
            alert["ruleId"] = $"R-{host}";
            return alert;
        }

        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Alert()), ct)).StatusCode);
        var first = await IncidentOf(host, ct);
        var resolved = await fixture.Analyst.PostAsync($"/api/v1/incidents/{first}/status",
            Json.Body(System.Text.Json.JsonSerializer.Serialize(new { status = "resolved", reason = "admin's own tool", classification = "falsePositive" })), ct);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Alert()), ct)).StatusCode);
        var second = (string)(await Poll.Until(async () => await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)),
            h => h["openIncidentId"] is { } open && (string)open! != first))["openIncidentId"]!;
        var incident = await Enriched(second, i => Findings(i, "earlier-incident").Any(), ct);
        var earlier = Assert.Single(Findings(incident, "earlier-incident"));
        Assert.Equal((host, first), ((string)earlier["entity"]!, (string)earlier["source"]!));
        Assert.Contains("false positive", (string)earlier["text"]!, StringComparison.Ordinal);
        Assert.NotNull(earlier["at"]);
    }

    [Fact]
    public async Task A_host_an_exposed_account_logged_on_to_after_the_compromise_is_in_the_blast_radius_before_its_first_alert()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = Guid.NewGuid().ToString("N")[..10];
        var (compromised, next, account) = ($"ws-{marker}", $"fs-{marker}", $"svc-{marker}");
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(compromised)), ct)).StatusCode);
        var id = await IncidentOf(compromised, ct);

        // The account logs on to the compromised host after its first alert, then to a file server that has raised none.
        var logons = string.Join('\n', new[] { (compromised, "10:00:00"), (next, "10:20:00") }.Select((l, i) => new JsonObject
        {
            ["EventID"] = 4624, ["Hostname"] = l.Item1, ["TargetUserName"] = account, ["TargetDomainName"] = "CORP", ["LogonType"] = "3",
            ["IpAddress"] = "10.9.9.9", ["@timestamp"] = $"2026-11-27T{l.Item2}.000Z", ["EventRecordID"] = 7000 + i,
        }.ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(logons, "application/x-ndjson"), ct)).StatusCode);

        var incident = await Enriched(id, i => i["blastRadius"]!.AsArray().Any(b => (string)b!["host"]! == next), ct);
        var reach = incident["blastRadius"]!.AsArray().Single(b => (string)b!["host"]! == next)!;
        Assert.Equal((compromised, "logon"), ((string)reach["reachedFrom"]!, (string)reach["how"]!));
        Assert.Contains($"Account corp\\{account}", (string)reach["evidence"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (int)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{next}", ct)))["alertCount"]!);
    }

    [Fact]
    public async Task The_tenants_time_to_enrichment_and_enricher_runs_are_in_its_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = $"ws-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host)), ct)).StatusCode);
        var id = await IncidentOf(host, ct);
        var incident = await Enriched(id, i => i["enrichment"]?["firstCompleteAt"] is not null, ct);
        Assert.True(incident["enrichment"]!["timeToEnrichment"] is not null, incident.ToJsonString());

        var metrics = await Poll.Until(async () => await Json.Read(await fixture.Analyst.GetAsync("/api/v1/metrics/enrichment", ct)), m => (int)m["incidents"]! > 0);
        Assert.True((int)metrics["incidents"]! > 0, metrics.ToJsonString());
        Assert.True((double)metrics["p99Milliseconds"]! >= (double)metrics["p50Milliseconds"]!);
        Assert.True((long)metrics["runs"]!["assets"]!["succeeded"]! > 0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.System.CreateClient(null).GetAsync("/api/v1/metrics/enrichment", ct)).StatusCode);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Escalation end to end on a system of its own (its webhooks may reach a receiver on this machine): each shipped
/// route's team hears at its webhook within seconds of the incident opening, an incident nobody acknowledges is
/// escalated level by level, acknowledging stops it, a new category re-routes it, and the response figures count it.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class EscalationTests : IAsyncLifetime
{
    public const string Secret = "whsec-escalation-test-0123456789";
    private static readonly string[] Teams = ["soc", "endpoint", "data-security", "network"];
    private IncidentsSystem _system = null!;

    public static Dictionary<string, string> Settings => new()
    {
        ["Incidents__Escalation__Webhooks__AllowPrivateNetworks"] = "true",
        ["Incidents__Escalation__PolicyRefresh"] = "00:00:00.500",
    };

    public async ValueTask InitializeAsync() => _system = await IncidentsSystem.StartAsync(silos: 1, apiSettings: Settings, siloSettings: Settings);

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    /// <summary>Each team's webhook at the receiver.</summary>
    internal static async Task Subscribe(HttpClient admin, WebhookReceiver receiver, CancellationToken ct)
    {
        foreach (var team in Teams)
        {
            var body = new JsonObject { ["team"] = team, ["url"] = receiver.Url, ["format"] = "generic", ["secret"] = receiver.Secret };
            var put = await admin.PutAsync($"/api/v1/escalation/webhooks/{team}-hook", Json.Body(body), ct);
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(ct));
        }
    }

    internal static JsonObject Alert(string host, string title, string? technique = null, JsonObject? dst = null, JsonObject? src = null)
    {
        var alert = Json.NativeAlert(host, "high", title: title);
        alert["ruleId"] = $"R-{title.GetHashCode(StringComparison.Ordinal):x}";
        alert["technique"] = technique;
        alert["dst"] = dst;
        alert["src"] = src;
        return alert;
    }

    internal static JsonObject Exfiltration(string host) =>
        Alert(host, "ET POLICY Large Outbound Transfer to External Host", "T1048", dst: new JsonObject { ["ip"] = "192.0.2.44", ["port"] = 443 });

    /// <summary>
    /// The shipped routes with their levels after <paramref name="afters"/> instead (the first hears at once), in force
    /// once a probe incident is routed by it (the silos' copies are refreshed every 0.5 s here).
    /// </summary>
    internal static async Task UseLevels(IncidentsSystem system, string run, TimeSpan[] afters, CancellationToken ct)
    {
        using var admin = system.CreateClient(TestKeys.Admin);
        using var analyst = system.CreateClient(TestKeys.Analyst);
        using var ingest = system.CreateClient(TestKeys.Ingest);
        string[] names = ["on-call analyst", "team lead", "security manager"];
        var policy = await Json.Read(await analyst.GetAsync("/api/v1/escalation/policy", ct));
        foreach (var route in policy["routes"]!.AsArray())
        {
            route!["levels"] = new JsonArray([
                new JsonObject { ["name"] = names[0], ["after"] = "00:00:00" },
                .. afters.Select((after, i) => new JsonObject { ["name"] = names[i + 1], ["after"] = after.ToString("c", System.Globalization.CultureInfo.InvariantCulture) })]);
        }

        var put = await admin.PutAsync("/api/v1/escalation/policy", Json.Body(policy), ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var probe = 0;
        var wait = await Poll.Until(async () =>
        {
            var host = $"probe-{run}-{probe++}";
            await ingest.PostAsync("/api/v1/alerts", Json.Body(Alert(host, "Credential dumping", "T1003.001")), ct);
            var id = await IncidentOf(analyst, host, ct);
            var routed = await Poll.Until(async () => await Json.Read(await analyst.GetAsync($"/api/v1/incidents/{id}?alerts=0", ct)),
                v => v["escalation"] is JsonObject, TimeSpan.FromSeconds(20));
            return DateTimeOffset.Parse((string)routed["escalation"]!["acknowledgeBy"]!, System.Globalization.CultureInfo.InvariantCulture)
                - DateTimeOffset.Parse((string)routed["escalation"]!["routedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        }, wait => wait == afters[0], TimeSpan.FromSeconds(30));
        Assert.Equal(afters[0], wait);
    }

    internal static async Task<string> IncidentOf(HttpClient analyst, string host, CancellationToken ct)
    {
        var items = await Poll.Until(async () => await Json.Items(await analyst.GetAsync($"/api/v1/incidents?host={host}", ct)), i => i.Count > 0, TimeSpan.FromSeconds(30));
        return (string)Assert.Single(items)!["id"]!;
    }

    [Fact]
    public async Task Each_shipped_route_reaches_its_teams_webhook_within_seconds_signed_and_the_figures_count_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = new WebhookReceiver(Secret);
        using var admin = _system.CreateClient(TestKeys.Admin);
        using var analyst = _system.CreateClient(TestKeys.Analyst);
        using var ingest = _system.CreateClient(TestKeys.Ingest);
        await Subscribe(admin, receiver, ct);

        var run = Guid.NewGuid().ToString("N")[..8];
        var cases = new (string Host, JsonObject Alert, string Team, string Route)[]
        {
            ($"exfil-{run}", Exfiltration($"exfil-{run}"), "data-security", "data exfiltration"),
            ($"mover-{run}", Alert($"mover-{run}", "Remote service creation over SMB", "T1021.002",
                src: new JsonObject { ["ip"] = "10.63.0.1", ["hostName"] = $"mover-{run}" }, dst: new JsonObject { ["ip"] = "10.63.0.2", ["hostName"] = $"target-{run}", ["port"] = 445 }),
                "endpoint", "lateral movement"),
            ($"beacon-{run}", Alert($"beacon-{run}", "ET MALWARE Cobalt Strike Beacon Observed", "T1071.001"), "network", "command and control"),
            ($"plain-{run}", Alert($"plain-{run}", "Credential dumping", "T1003.001"), "soc", "default"),
        };
        var posted = await ingest.PostAsync("/api/v1/alerts", Json.Body(new JsonArray([.. cases.Select(c => (JsonNode)c.Alert)])), ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        foreach (var (host, _, team, route) in cases)
        {
            var id = await IncidentOf(analyst, host, ct);
            var routed = await Poll.Until(() => Task.FromResult(receiver.Of(id)), d => d.Any(x => x.Kind == "routed"), TimeSpan.FromSeconds(30));
            var delivery = Assert.Single(routed, d => d.Kind == "routed");
            Assert.Equal((team, route, "on-call analyst", true), (delivery.Team, (string)delivery.Body["route"]!, delivery.Level, delivery.Verified));
            Assert.Equal($"{id}:1", delivery.EventId);

            var view = await Json.Read(await analyst.GetAsync($"/api/v1/incidents/{id}?alerts=0", ct));
            Assert.Equal(team, (string)view["escalation"]!["team"]!);
            Assert.Equal(team, (string)view["summary"]!["team"]!);
            Assert.Contains(view["timeline"]!.AsArray(), e => (string)e!["kind"]! == "escalation" && ((string)e["text"]!).Contains($"route '{route}'", StringComparison.Ordinal));
        }

        // The figures count each incident's time to triage and to escalation once.
        var figures = await Poll.Until(
            async () => await Json.Read(await analyst.GetAsync("/api/v1/metrics/response", ct)),
            f => (long)f["measures"]!["escalation"]!["count"]! >= cases.Length, TimeSpan.FromSeconds(20));
        Assert.Equal(cases.Length, (long)figures["measures"]!["escalation"]!["count"]!);
        Assert.Equal(cases.Length, (long)figures["measures"]!["triage"]!["count"]!);
        var endpoint = await Json.Read(await analyst.GetAsync("/api/v1/metrics/response?team=endpoint", ct));
        Assert.Equal(1, (long)endpoint["measures"]!["escalation"]!["count"]!);
    }

    [Fact]
    public async Task Nobody_acknowledging_escalates_level_by_level_acknowledging_stops_it_and_a_new_category_reroutes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = new WebhookReceiver(Secret);
        using var admin = _system.CreateClient(TestKeys.Admin);
        using var analyst = _system.CreateClient(TestKeys.Analyst);
        using var ingest = _system.CreateClient(TestKeys.Ingest);
        await Subscribe(admin, receiver, ct);

        // The shipped routes with levels seconds apart, so that the test sees a whole path.
        var run = Guid.NewGuid().ToString("N")[..8];
        await UseLevels(_system, run, [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6)], ct);

        var (ignored, acknowledged) = ($"ignored-{run}", $"acked-{run}");
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/alerts",
            Json.Body(new JsonArray(Alert(ignored, "Credential dumping", "T1003.001"), Alert(acknowledged, "Credential dumping", "T1003.001"))), ct)).StatusCode);
        var (ignoredId, acknowledgedId) = (await IncidentOf(analyst, ignored, ct), await IncidentOf(analyst, acknowledged, ct));
        await Poll.Until(() => Task.FromResult(receiver.Of(acknowledgedId)), d => d.Any(x => x.Kind == "routed"), TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsync($"/api/v1/incidents/{acknowledgedId}/acknowledge", null, ct)).StatusCode);

        var path = await Poll.Until(() => Task.FromResult(receiver.Of(ignoredId)), d => d.Count(x => x.Kind == "escalated") >= 2, TimeSpan.FromSeconds(30));
        Assert.Equal([("routed", "on-call analyst"), ("escalated", "team lead"), ("escalated", "security manager")], path.Select(d => (d.Kind, d.Level)));
        Assert.Equal(path.Count, path.Select(d => d.EventId).Distinct().Count());
        var view = await Json.Read(await analyst.GetAsync($"/api/v1/incidents/{ignoredId}?alerts=0", ct));
        Assert.Equal((2, true), ((int)view["escalation"]!["level"]!, (bool)view["escalation"]!["breached"]!));

        // The acknowledged one, opened with it, was never escalated: its team heard it was acknowledged instead.
        Assert.Equal(["routed", "acknowledged"], receiver.Of(acknowledgedId).Select(d => d.Kind));

        // It takes data out now: the data-security team has it, and its timeline says why.
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/alerts", Json.Body(Exfiltration(acknowledged)), ct)).StatusCode);
        var rerouted = await Poll.Until(() => Task.FromResult(receiver.Of(acknowledgedId)), d => d.Any(x => x.Kind == "rerouted"), TimeSpan.FromSeconds(30));
        Assert.Equal("data-security", Assert.Single(rerouted, d => d.Kind == "rerouted").Team);
        var after = await Json.Read(await analyst.GetAsync($"/api/v1/incidents/{acknowledgedId}?alerts=0", ct));
        Assert.Contains(after["timeline"]!.AsArray(), e => ((string)e!["text"]!).StartsWith("Re-routed from team soc to team data-security", StringComparison.Ordinal));

        var figures = await Poll.Until(
            async () => await Json.Read(await analyst.GetAsync("/api/v1/metrics/response", ct)),
            f => (long)f["breaches"]! >= 1 && (long)f["measures"]!["acknowledge"]!["count"]! >= 1, TimeSpan.FromSeconds(20));
        Assert.Contains(ignoredId, figures["breachedIncidents"]!.AsArray().Select(i => (string)i!));
    }

    [Fact]
    public async Task A_drill_goes_through_the_real_pipeline_to_the_real_team_marked_as_a_drill_reports_each_stage_and_is_cleaned_up()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = new WebhookReceiver(Secret);
        using var admin = _system.CreateClient(TestKeys.Admin);
        using var analyst = _system.CreateClient(TestKeys.Analyst);
        await Subscribe(admin, receiver, ct);
        var before = await Json.Read(await analyst.GetAsync("/api/v1/metrics/response", ct));

        var started = await admin.PostAsync("/api/v1/drills", Json.Body(new JsonObject { ["scenario"] = "lateral-movement" }), ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (string)(await Json.Read(started))["id"]!;
        Assert.Equal($"/api/v1/drills/{id}", started.Headers.Location?.OriginalString);

        var routed = await Poll.Until(async () => await Json.Read(await analyst.GetAsync($"/api/v1/drills/{id}", ct)),
            r => r["team"] is not null, TimeSpan.FromSeconds(30));
        Assert.Equal("endpoint", (string)routed["team"]!);
        var incidentId = (string)routed["incidentId"]!;
        Assert.Equal(["posted", "opened", "routed"], routed["stages"]!.AsArray().Select(s => (string)s!["stage"]!));
        var notice = Assert.Single(await Poll.Until(() => Task.FromResult(receiver.Of(incidentId)), d => d.Count > 0, TimeSpan.FromSeconds(30)));
        Assert.Equal(("routed", "endpoint", true), (notice.Kind, notice.Team, (bool)notice.Body["drill"]!));
        Assert.StartsWith("[DRILL]", (string)notice.Body["title"]!, StringComparison.Ordinal);

        // The team acknowledges in time; the report says so.
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsync($"/api/v1/incidents/{incidentId}/acknowledge", null, ct)).StatusCode);
        var report = await Json.Read(await analyst.GetAsync($"/api/v1/drills/{id}", ct));
        Assert.True((bool)report["acknowledgedInTime"]!);
        Assert.Contains(report["stages"]!.AsArray(), s => (string)s!["stage"]! == "acknowledged");

        // Ended: its incident is resolved, tagged a drill; the figures never counted it.
        var ended = await Json.Read(await admin.PostAsync($"/api/v1/drills/{id}/end", null, ct));
        Assert.NotNull(ended["endedAt"]);
        var incident = await Json.Read(await analyst.GetAsync($"/api/v1/incidents/{incidentId}?alerts=0", ct));
        Assert.Equal(("resolved", "benign"), ((string)incident["summary"]!["status"]!, (string)incident["summary"]!["classification"]!));
        Assert.Contains("drill", incident["summary"]!["tags"]!.AsArray().Select(t => (string)t!));
        var after = await Json.Read(await analyst.GetAsync("/api/v1/metrics/response", ct));
        foreach (var measure in (string[])["triage", "escalation", "acknowledge", "resolve"])
        {
            Assert.Equal((long)before["measures"]![measure]!["count"]!, (long)after["measures"]![measure]!["count"]!);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/api/v1/drills/0123456789ab", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/api/v1/drills/..%2Fx", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/drills", Json.Body(new JsonObject { ["scenario"] = "ransomware" }), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/v1/drills", Json.Body(new JsonObject { ["scenario"] = "exfiltration" }), ct)).StatusCode);
    }
}

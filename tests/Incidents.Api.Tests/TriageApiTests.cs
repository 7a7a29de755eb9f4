using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// The verdict loop through the API: analysts resolve a rule's incidents on one host as false positives, the system
/// proposes a suppression with its evidence, only a tenant admin accepts it (audited), and from then on those alerts
/// are suppressed and counted; rules, proposals and triage's totals read by analysts.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TriageApiTests(SystemFixture fixture)
{
    [Fact]
    public async Task Three_false_positives_of_a_rule_on_a_host_propose_a_suppression_that_only_an_admins_accept_applies()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var rule = $"fp-{Guid.NewGuid():N}"[..16];
        var host = $"mon-{Guid.NewGuid():N}"[..16];
        var incidents = new List<string>();
        for (var hour = 0; hour < 3; hour++)
        {
            await Post(Fired(rule, host, DateTimeOffset.UtcNow.AddHours(hour - 4)), ct);
            var incident = await Poll.Until(
                async () => (string?)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["openIncidentId"],
                id => id is not null && !incidents.Contains(id));
            Assert.NotNull(incident);
            incidents.Add(incident);
            var resolved = await fixture.Analyst.PostAsync($"/api/v1/incidents/{incident}/status",
                Json.Body(new JsonObject { ["status"] = "resolved", ["reason"] = "the monitoring probe's id check", ["classification"] = "falsePositive" }), ct);
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        // Told to the rule book before each resolution was answered.
        var proposals = (await Json.Read(await fixture.Analyst.GetAsync("/api/v1/triage/proposals", ct))).AsArray();
        var proposal = Assert.Single(proposals, p => (string)p!["rule"]! == rule && (string)p["host"]! == host)!;
        var id = (string)proposal["id"]!;
        Assert.Equal(3, (int)proposal["verdicts"]!["falsePositive"]!);
        Assert.Equal(incidents, proposal["incidents"]!.AsArray().Select(i => (string)i!));
        var rules = (await Json.Read(await fixture.Analyst.GetAsync("/api/v1/triage/rules?limit=2000", ct))).AsArray();
        var ruleView = Assert.Single(rules, r => (string)r!["rule"]! == rule)!;
        Assert.Equal((3, -12), ((int)ruleView["verdicts"]!["falsePositive"]!, (int)ruleView["weight"]!));

        // Only a tenant admin answers; a rejection needs a reason; a proposal of no shard is no proposal.
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Analyst.PostAsync($"/api/v1/triage/proposals/{id}/accept", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/v1/triage/proposals/{id}/reject", Json.Body("{}"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/triage/proposals/f000000000000000/accept", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/triage/proposals/NOT-AN-ID/accept", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync("/api/v1/triage/proposals?status=maybe", ct)).StatusCode);

        var accepted = await admin.PostAsync($"/api/v1/triage/proposals/{id}/accept", null, ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var suppression = (string)(await Json.Read(accepted))["suppression"]!["id"]!;
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/triage/proposals/{id}/accept", null, ct)).StatusCode);
        var listed = (await Json.Read(await fixture.Analyst.GetAsync("/api/v1/triage/suppressions", ct)))["suppressions"]!.AsArray();
        var made = Assert.Single(listed, s => (string)s!["id"]! == suppression)!;
        Assert.Equal((rule, host, "test-admin"), ((string)made["ruleId"]!, (string)made["host"]!, (string)made["author"]!));
        Assert.Contains(incidents[0], (string)made["reason"]!, StringComparison.Ordinal);
        Assert.Contains((await Json.Read(await fixture.Analyst.GetAsync("/api/v1/triage/proposals?status=accepted", ct))).AsArray(),
            p => (string)p!["id"]! == id && (string)p["decidedBy"]! == "test-admin");
        var audit = (await Json.Read(await admin.GetAsync("/api/v1/audit?limit=500", ct))).AsArray();
        Assert.Contains(audit, e => (string)e!["action"]! == "triage.proposal.accept" && (string)e["target"]! == id);
        Assert.Contains(audit, e => (string)e!["action"]! == "triage.suppression.add" && (string)e["target"]! == suppression);

        // Each silo's copy takes it within 5 s; from then on the rule's alerts on that host are suppressed, and counted.
        var suppressed = await Poll.Until(async () =>
        {
            var alert = Fired(rule, host, DateTimeOffset.UtcNow.AddMinutes(-30));
            await Post(alert, ct);
            return await Poll.Until(
                async () => (await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["recentAlerts"]!.AsArray()
                    .FirstOrDefault(a => (string)a!["sourceId"]! == (string)alert["sourceId"]!),
                a => a is not null);
        }, a => (string?)a?["triage"]?["decision"] == "suppressed", TimeSpan.FromSeconds(30));
        Assert.Equal(suppression, (string?)suppressed?["triage"]?["suppressedBy"]);
        var counted = await Poll.Until(
            async () => await Json.Read(await fixture.Analyst.GetAsync("/api/v1/triage/suppressions", ct)),
            set => (long?)set["suppressed"]?[suppression] >= 1, TimeSpan.FromSeconds(30));
        Assert.True((long?)counted["suppressed"]?[suppression] >= 1, "the estate never counted the suppressed alert");

        var totals = await Poll.Until(
            async () => await Json.Read(await fixture.Analyst.GetAsync("/api/v1/metrics/triage", ct)),
            t => (long)t["alerts"]!["suppressed"]! >= 1 && (long)t["incidentsOpened"]! >= 3, TimeSpan.FromSeconds(30));
        Assert.True((long)totals["alerts"]!["suppressed"]! >= 1 && (long)totals["incidentsOpened"]! >= 3, totals.ToJsonString());
        Assert.True((double)totals["alertsPerIncident"]! >= 1);
        Assert.NotEmpty(totals["perDay"]!.AsArray());
    }

    [Fact]
    public async Task A_rejected_proposal_keeps_the_rule_in_view_with_the_admins_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var rule = $"fp-{Guid.NewGuid():N}"[..16];
        var host = $"web-{Guid.NewGuid():N}"[..16];
        string? last = null;
        for (var hour = 0; hour < 3; hour++)
        {
            await Post(Fired(rule, host, DateTimeOffset.UtcNow.AddHours(hour - 4)), ct);
            var before = last;
            last = await Poll.Until(
                async () => (string?)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["openIncidentId"],
                id => id is not null && id != before);
            await fixture.Analyst.PostAsync($"/api/v1/incidents/{last}/status",
                Json.Body(new JsonObject { ["status"] = "resolved", ["reason"] = "r", ["classification"] = "benign" }), ct);
        }

        var id = (string)(await Json.Read(await fixture.Analyst.GetAsync("/api/v1/triage/proposals", ct))).AsArray()
            .Single(p => (string)p!["rule"]! == rule)!["id"]!;
        var rejected = await admin.PostAsync($"/api/v1/triage/proposals/{id}/reject",
            Json.Body(new JsonObject { ["reason"] = "this web server's admin panel must stay watched" }), ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("rejected", (string)(await Json.Read(rejected))["proposal"]!["status"]!);
        Assert.DoesNotContain((await Json.Read(await fixture.Analyst.GetAsync("/api/v1/triage/suppressions", ct)))["suppressions"]!.AsArray(),
            s => (string?)s!["ruleId"] == rule);
        Assert.Contains((await Json.Read(await admin.GetAsync("/api/v1/audit?limit=500", ct))).AsArray(),
            e => (string)e!["action"]! == "triage.proposal.reject" && ((string)e["detail"]!).Contains("must stay watched", StringComparison.Ordinal));
    }

    private static JsonObject Fired(string rule, string host, DateTimeOffset at)
    {
        var alert = Json.NativeAlert(host, "high", title: "GPL ATTACK_RESPONSE id check returned root");
        alert["ruleId"] = rule;
        alert["technique"] = null;
        alert["time"] = at.ToString("O");
        return alert;
    }

    private async Task Post(JsonObject alert, CancellationToken ct) =>
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(alert), ct)).StatusCode);
}

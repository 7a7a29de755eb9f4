using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Suppressions through the API: a tenant admin adds one (audited), analysts read it, ingested alerts it matches are
/// triaged suppressed with its reason and open nothing, and once removed (audited) it stops applying.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SuppressionApiTests(SystemFixture fixture)
{
    [Fact]
    public async Task A_suppression_added_by_an_admin_keeps_matching_alerts_out_of_incidents_with_its_reason_until_removed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var rule = $"R-{Guid.NewGuid():N}"[..14];
        var added = await admin.PostAsync("/api/v1/triage/suppressions",
            Json.Body(new JsonObject { ["ruleId"] = rule, ["reason"] = "the backup job's nightly copy" }), ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (string)(await Json.Read(added))["id"]!;
        Assert.Equal($"/api/v1/triage/suppressions/{id}", added.Headers.Location?.OriginalString);

        var listed = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/triage/suppressions", ct));
        Assert.Contains(listed["suppressions"]!.AsArray(), s => (string)s!["id"]! == id && (string)s["author"]! == "test-admin");

        // Each silo's copy of the suppressions is refreshed within 5 s: alerts until then are triaged without it.
        var (host, alert) = await Until("suppressed", rule, ct);
        var view = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct));
        Assert.Null((string?)view["openIncidentId"]);
        Assert.Equal(1, (int)view["suppressed"]![id]!);
        Assert.Contains(alert["triage"]!["reasons"]!.AsArray(), r => ((string)r!["detail"]!).Contains("the backup job's nightly copy", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/triage/suppressions/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/triage/suppressions/{id}", ct)).StatusCode);
        var (after, _) = await Until("opened", rule, ct);
        Assert.NotNull((string?)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{after}", ct)))["openIncidentId"]);

        var audit = (await Json.Read(await admin.GetAsync("/api/v1/audit?limit=500", ct))).AsArray();
        Assert.Equal(["triage.suppression.add", "triage.suppression.remove"],
            audit.Where(e => (string)e!["target"]! == id).Select(e => (string)e!["action"]!).Reverse());
    }

    [Theory]
    [InlineData("""{"reason":"everything"}""")]
    [InlineData("""{"ruleId":"R-1"}""")]
    [InlineData("""{"ruleId":"R-1","reason":"  "}""")]
    [InlineData("""{"title":"***","reason":"x"}""")]
    [InlineData("""{"source":"10.1.0.0/33","reason":"x"}""")]
    [InlineData("""{"destination":"not-an-address","reason":"x"}""")]
    [InlineData("""{"observable":"cdn.example.net","reason":"x"}""")]
    [InlineData("""{"host":"","reason":"x"}""")]
    [InlineData("""{"user":"a\u0000b","reason":"x"}""")]
    [InlineData("""{"ruleId":"R-1","reason":"x","expiresAt":"2020-01-01T00:00:00Z"}""")]
    public async Task A_suppression_that_is_not_one_is_400_naming_what_is_wrong(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var answer = await admin.PostAsync("/api/v1/triage/suppressions", Json.Body(body), ct);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)(await Json.Read(answer))["detail"]));
    }

    /// <summary>Posts a Medium alert of the rule on a new host until one is triaged <paramref name="decision"/>.</summary>
    private async Task<(string Host, JsonNode Alert)> Until(string decision, string rule, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var host = $"sup-{Guid.NewGuid():N}"[..20];
            var alert = Json.NativeAlert(host, "medium", title: "Backup copy");
            alert["ruleId"] = rule;
            alert["technique"] = null;
            Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(alert), ct)).StatusCode);
            var kept = await Poll.Until(
                async () => (await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["recentAlerts"]?.AsArray().FirstOrDefault(),
                a => a is not null,
                TimeSpan.FromSeconds(10));
            if ((string?)kept?["triage"]?["decision"] == decision || DateTimeOffset.UtcNow > deadline)
            {
                Assert.Equal(decision, (string?)kept?["triage"]?["decision"]);
                return (host, kept!);
            }
        }
    }
}

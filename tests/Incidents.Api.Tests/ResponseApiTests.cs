using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Response figures through the API: its query checked exactly, its roles, a tenant's figures its own, and the shape of
/// an empty report. (Figures themselves come once incidents record their milestones.)
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ResponseApiTests(SystemFixture fixture)
{
    private static string Day(int daysAgo) => DateTimeOffset.UtcNow.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_report_has_every_measure_and_no_figures_for_a_team_with_none()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var query in new[] { "", $"?since={Day(3)}", $"?since={Day(1)}T10:30:00Z&team=no-such-team", "?team=soc", $"?since={Day(399)}" })
        {
            var answer = await fixture.Analyst.GetAsync($"/api/v1/metrics/response{query}", ct);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{query}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}");
            var report = await Json.Read(answer);
            Assert.Equal(["triage", "enrichment", "escalation", "acknowledge", "contain", "resolve"], report["measures"]!.AsObject().Select(m => m.Key));
            Assert.NotNull(report["since"]);
            Assert.NotNull(report["breaches"]);
            Assert.NotNull(report["breachedIncidents"]);
        }

        var team = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/metrics/response?team=no-such-team", ct));
        Assert.Equal("no-such-team", (string)team["team"]!);
        Assert.All(team["measures"]!.AsObject(), m => Assert.Equal((0, null), ((int)m.Value!["count"]!, (double?)m.Value["p50Milliseconds"])));
        Assert.Equal(0, (int)team["breaches"]!);
        Assert.Empty(team["breachedIncidents"]!.AsArray());
    }

    [Fact]
    public async Task A_bad_since_or_team_is_a_400_problem()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var query in new[]
        {
            "since=yesterday", "since=2026-13-01", "since=01/05/2026", $"since={Day(-2)}", $"since={Day(401)}", "since=1900-01-01",
            "since=%00", $"since={Day(1)}T25:00:00Z", "team=SOC", "team=-soc", "team=a%0A", "team=a/b", $"team={new string('t', 64)}", "team=s%C3%B6c",
        })
        {
            var answer = await fixture.Analyst.GetAsync($"/api/v1/metrics/response?{query}", ct);
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Only_analysts_read_it_and_each_tenant_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Ingest.GetAsync("/api/v1/metrics/response", ct)).StatusCode);
        using var nobody = fixture.System.CreateClient(apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/api/v1/metrics/response", ct)).StatusCode);

        // This tenant's incidents are counted; a tenant of its own, made now, sees none of them.
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert($"resp-{Guid.NewGuid():N}"[..20])), ct)).StatusCode);
        var ours = await Poll.Until(async () => await Json.Read(await fixture.Analyst.GetAsync("/api/v1/metrics/response", ct)),
            f => (int)f["measures"]!["triage"]!["count"]! > 0, TimeSpan.FromSeconds(30));
        Assert.True((int)ours["measures"]!["triage"]!["count"]! > 0);

        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        var tenant = $"resp-{Guid.NewGuid():N}"[..15];
        Assert.Equal(HttpStatusCode.Created, (await installation.PostAsync("/api/v1/admin/tenants", Json.Body(new JsonObject { ["name"] = "Response", ["id"] = tenant }), ct)).StatusCode);
        var issued = await installation.PostAsync("/api/v1/admin/keys", Json.Body(new JsonObject { ["tenantId"] = tenant, ["role"] = "analyst" }), ct);
        using var other = fixture.System.CreateClient((string)(await Json.Read(issued))["key"]!);
        var theirs = await Json.Read(await other.GetAsync("/api/v1/metrics/response", ct));
        Assert.Equal(0, (int)theirs["breaches"]!);
        Assert.All(theirs["measures"]!.AsObject(), m => Assert.Equal(0, (int)m.Value!["count"]!));
    }
}

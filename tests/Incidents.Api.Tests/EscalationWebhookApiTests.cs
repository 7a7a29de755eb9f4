using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Escalation webhooks and dead letters through the real API on real Azurite: admins only, write-only secrets, the URL
/// rule as RFC 7807 400s, and nothing of one tenant's webhooks or dead letters reachable by another's admin.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EscalationWebhookApiTests(SystemFixture fixture)
{
    private const string Secret = "whsec-api-test-0123456789";

    private static JsonObject Webhook(string url, string team = "soc", string format = "slack") =>
        new() { ["team"] = team, ["url"] = url, ["format"] = format, ["secret"] = Secret };

    private HttpClient OtherAdmin() =>
        fixture.System.CreateBearerClient(TestTokens.Create("boss@acme.example", ["analyst", "admin"], TestKeys.OtherTenant));

    [Fact]
    public async Task An_admin_puts_lists_and_removes_a_webhook_whose_secret_is_never_shown_and_an_analyst_may_not()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var id = $"pager-{Guid.NewGuid():N}"[..20];

        var created = await admin.PutAsync($"/api/v1/escalation/webhooks/{id}", Json.Body(Webhook("https://hooks.example.com/services/x?token=abc")), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await Json.Read(created);
        Assert.True((bool)view["secretSet"]!);
        Assert.Equal("https://hooks.example.com/…", (string)view["url"]!); // the path and query may be the credential

        var replaced = await admin.PutAsync($"/api/v1/escalation/webhooks/{id}", Json.Body(Webhook("https://hooks.example.com/v2", team: "network", format: "teams")), ct);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var listed = await (await admin.GetAsync("/api/v1/escalation/webhooks", ct)).Content.ReadAsStringAsync(ct);
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.Contains("\"teams\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"secret\"", listed, StringComparison.Ordinal);

        var audit = await (await fixture.System.CreateClient(TestKeys.InstallationAdmin).GetAsync("/api/v1/audit?tenantId=default&limit=50", ct)).Content.ReadAsStringAsync(ct);
        Assert.Contains("escalation.webhook.add", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, audit, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Analyst.GetAsync("/api/v1/escalation/webhooks", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Analyst.PutAsync($"/api/v1/escalation/webhooks/{id}", Json.Body(Webhook("https://x.example.com/")), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Analyst.GetAsync("/api/v1/escalation/dead-letters", ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/escalation/webhooks/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/escalation/webhooks/{id}", ct)).StatusCode);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "internal host")]
    [InlineData("http://127.0.0.1:8080/hook", "internal host")]
    [InlineData("http://10.0.0.5/hook", "internal host")]
    [InlineData("ftp://hooks.example.com/", "absolute http or https")]
    [InlineData("https://user:pw@hooks.example.com/", "user name or password")]
    public async Task A_bad_or_internal_url_is_a_400_problem_that_says_why(string url, string detail)
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var answer = await admin.PutAsync("/api/v1/escalation/webhooks/bad-url", Json.Body(Webhook(url)), ct);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (string)(await Json.Read(answer))["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_admin_sees_and_replays_nothing_of_this_tenants_webhooks_and_dead_letters()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        using var other = OtherAdmin();
        var id = $"dead-{Guid.NewGuid():N}"[..20];

        // A receiver that never resolves (.invalid): its test notice is dead-lettered after the harness's two attempts.
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync($"/api/v1/escalation/webhooks/{id}", Json.Body(Webhook("https://receiver.invalid/hook", team: "network", format: "generic")), ct)).StatusCode);
        var sent = await admin.PostAsync($"/api/v1/escalation/webhooks/{id}/test", null, ct);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var eventId = (string)(await Json.Read(sent))["eventId"]!;

        var dead = await Poll.Until(
            async () => (await Json.Read(await admin.GetAsync("/api/v1/escalation/dead-letters", ct))).AsArray(),
            letters => letters.Any(l => (string)l!["eventId"]! == eventId));
        var letter = dead.Single(l => (string)l!["eventId"]! == eventId)!;
        var letterId = (string)letter["id"]!;
        Assert.Equal(id, (string)letter["webhookId"]!);
        Assert.Equal(2, (int)letter["attempts"]!);
        Assert.DoesNotContain(Secret, dead.ToJsonString(), StringComparison.Ordinal);

        var theirWebhooks = await (await other.GetAsync("/api/v1/escalation/webhooks", ct)).Content.ReadAsStringAsync(ct);
        var theirLetters = await (await other.GetAsync("/api/v1/escalation/dead-letters", ct)).Content.ReadAsStringAsync(ct);
        Assert.DoesNotContain(id, theirWebhooks, StringComparison.Ordinal);
        Assert.DoesNotContain(eventId, theirLetters, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/escalation/dead-letters/{letterId}/replay", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/escalation/webhooks/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/escalation/webhooks/{id}/test", null, ct)).StatusCode);

        // Still this tenant's: its own admin replays it (it fails again, but it left the list and went back to delivery).
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/escalation/dead-letters/{letterId}/replay", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/escalation/dead-letters/0123456789abcdef/replay", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/escalation/dead-letters/not-an-id/replay", null, ct)).StatusCode);
        await admin.DeleteAsync($"/api/v1/escalation/webhooks/{id}", ct);
    }
}

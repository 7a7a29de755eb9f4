using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>Security headers on every kind of answer, request size limits, and CORS closed by default.</summary>
[Collection(SystemCollection.Name)]
public sealed class HttpHardeningTests(SystemFixture fixture)
{
    [Fact]
    public async Task Every_kind_of_answer_carries_the_security_headers_and_API_answers_are_not_cached()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = fixture.System.CreateClient(apiKey: null);
        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        var answers = new (string What, HttpResponseMessage Response)[]
        {
            ("health", await anonymous.GetAsync("/health", ct)),
            ("401", await anonymous.GetAsync("/api/v1/incidents", ct)),
            ("404", await fixture.Analyst.GetAsync("/api/v1/incidents/no-such-incident", ct)),
            ("400 from a body that is not JSON", await installation.PostAsync("/api/v1/admin/tenants", Json.Body("{not json"), ct)),
            ("202", await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body("[]"), ct)),
            ("the OpenAPI document", await anonymous.GetAsync("/openapi/v1.json", ct)),
            ("the dashboard's page", await installation.GetAsync("/dashboard/", ct)),
        };

        foreach (var (what, response) in answers)
        {
            var headers = response.Headers;
            Assert.True(headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no CSP");
            Assert.Contains("frame-ancestors 'none'", csp.Single(), StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp.Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
            Assert.False(headers.Contains("Server"), $"{what}: a Server banner");
        }

        Assert.Equal("text/html", answers[^1].Response.Content.Headers.ContentType?.MediaType);
        Assert.All(answers[1..], a => Assert.True(a.Response.Headers.CacheControl?.NoStore, $"{a.What}: cacheable"));
    }

    [Fact]
    public async Task Bodies_past_a_megabyte_are_refused_outside_ingest_and_ingest_takes_its_own_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        var big = new JsonObject { ["name"] = new string('x', 2 * 1024 * 1024) };
        var refused = await installation.PostAsync("/api/v1/admin/tenants", Json.Body(big), ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var run = Guid.NewGuid().ToString("N")[..8];
        var batch = new JsonArray([.. Enumerable.Range(0, 3_000).Select(i => (JsonNode)Json.NativeAlert($"size-{run}-{i % 50}", "low", title: $"Size {i} {new string('p', 400)}"))]);
        Assert.True(batch.ToJsonString().Length > HttpHardeningLimit, "the batch is not over the general limit");
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(batch), ct)).StatusCode);
    }

    [Fact]
    public async Task No_origin_is_allowed_cross_origin_unless_configured()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = fixture.System.CreateClient(apiKey: null);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/incidents");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key");
        var answer = await anonymous.SendAsync(preflight, ct);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));

        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents?limit=1");
        read.Headers.Add("Origin", "https://evil.example");
        Assert.False((await fixture.Analyst.SendAsync(read, ct)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    private const int HttpHardeningLimit = 1024 * 1024;

    [Fact]
    public async Task A_dry_run_of_a_large_batch_shows_its_first_hundred_alerts_and_counts_them_all()
    {
        var ct = TestContext.Current.CancellationToken;
        var batch = new JsonArray([.. Enumerable.Range(0, 2_000).Select(i => (JsonNode)Json.NativeAlert($"dry-{i}"))]);
        batch.Add(new JsonObject { ["title"] = "no source" });
        var response = await fixture.Ingest.PostAsync("/api/v1/alerts?dryRun=true", Json.Body(batch), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var answer = JsonNode.Parse(body)!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2_000, (int)answer["accepted"]!);
        Assert.Equal(100, (int)answer["shown"]!);
        Assert.Equal(100, answer["alerts"]!.AsArray().Count);
        Assert.Equal(2_000, (int)answer["rejected"]![0]!["index"]!);
        Assert.True(body.Length < 200_000, $"a dry run answered {body.Length} bytes");
    }
}

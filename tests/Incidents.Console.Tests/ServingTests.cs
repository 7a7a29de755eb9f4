using System.Net;

namespace Incidents.Console.Tests;

/// <summary>How the API serves the console: no key for its files, its routes answered with the page, API 404s kept.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ServingTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_page_and_its_routes_need_no_key_and_carry_the_security_headers()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = fixture.System.CreateClient(apiKey: null);
        foreach (var path in new[] { "/", "/incidents/some-id", "/metrics" })
        {
            var answer = await anonymous.GetAsync(path, ct);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
            Assert.Contains("script-src 'self'", answer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("DENY", answer.Headers.GetValues("X-Frame-Options").Single());
            Assert.True(answer.Headers.CacheControl?.NoStore, $"{path}: the page is cacheable");
            var page = await answer.Content.ReadAsStringAsync(ct);
            Assert.Contains("<script type=\"module\" src=\"/assets/app-", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_API_and_other_paths_stay_404_problems_not_the_page()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = fixture.System.CreateClient(apiKey: null);
        foreach (var path in new[] { "/api/v1/no-such-thing", "/health/nope", "/no-such-page", "/assets/missing.js" })
        {
            var answer = await anonymous.GetAsync(path, ct);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.NotEqual("text/html", answer.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_sign_in_settings_need_no_key_hold_no_secret_and_the_policy_lets_the_page_reach_only_that_provider()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = fixture.System.CreateClient(apiKey: null);
        var answer = await anonymous.GetAsync("/api/v1/console/sign-in", ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var settings = System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync(ct))!.AsObject();
        Assert.Equal(fixture.IdentityProvider.Authority, (string?)settings["authority"]);
        Assert.Equal(IdentityProvider.ClientId, (string?)settings["clientId"]);
        Assert.Equal(["authority", "clientId", "scope"], settings.Select(p => p.Key).Order(StringComparer.Ordinal));

        var page = await anonymous.GetAsync("/", ct);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"connect-src 'self' {fixture.IdentityProvider.Authority};", policy, StringComparison.Ordinal);
    }
}

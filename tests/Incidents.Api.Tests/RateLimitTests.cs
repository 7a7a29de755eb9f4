using System.Net;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>Per-key limits on a system of its own, configured low: 5 requests a second, bursts of 5; one tenant's ingest 2.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private IncidentsSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await IncidentsSystem.StartAsync(apiSettings: new Dictionary<string, string>
    {
        ["Incidents__RateLimits__RequestsPerSecond"] = "5",
        ["Incidents__RateLimits__IngestPerSecond"] = "5",
        ["Incidents__RateLimits__BurstSeconds"] = "1",
        [$"Incidents__RateLimits__Tenants__{TestKeys.OtherTenant}__IngestPerSecond"] = "2",
    });

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_key_past_its_rate_gets_429_with_retry_after_and_other_keys_go_on()
    {
        var ct = TestContext.Current.CancellationToken;
        using var analyst = _system.CreateClient(TestKeys.Analyst);
        using var ingest = _system.CreateClient(TestKeys.Ingest);

        var answers = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => analyst.GetAsync("/api/v1/incidents", ct)));
        var ok = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();

        // Fifteen at once against a bucket of five (a refill may land among them): most are refused, none fails otherwise.
        Assert.Equal(15, ok + refused.Count);
        Assert.InRange(ok, 5, 7);
        var first = refused[0];
        Assert.True(first.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "no Retry-After");
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);

        // Another key of the same tenant is not held back by this one's use.
        var posted = await ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert($"rl-{Guid.NewGuid():N}"[..16])), ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
    }

    [Fact]
    public async Task A_tenant_can_have_an_ingest_limit_of_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        using var otherIngest = _system.CreateClient(TestKeys.OtherTenantIngest);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => otherIngest.PostAsync("/api/v1/alerts?dryRun=true", Json.Body("[]"), ct)));
        Assert.InRange(answers.Count(a => a.IsSuccessStatusCode), 2, 3);
        Assert.All(answers.Where(a => !a.IsSuccessStatusCode), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
    }
}

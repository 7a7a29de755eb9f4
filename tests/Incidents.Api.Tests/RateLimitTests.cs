using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Per-key limits on a system of its own, configured low: 5 requests a second, bursts of 5; one tenant's ingest 2;
/// failed sign-ins 5 a second per address, bursts of 40.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private IncidentsSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await IncidentsSystem.StartAsync(apiSettings: new Dictionary<string, string>
    {
        ["Incidents__RateLimits__RequestsPerSecond"] = "5",
        ["Incidents__RateLimits__IngestPerSecond"] = "5",
        ["Incidents__RateLimits__BurstSeconds"] = "1",
        [$"Incidents__RateLimits__Tenants__{TestKeys.OtherTenant}__IngestPerSecond"] = "2",
        ["Incidents__RateLimits__FailedSignInsPerSecond"] = "5",
        ["Incidents__RateLimits__FailedSignInBurst"] = "40",
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

    [Fact]
    public async Task A_429_given_before_the_body_is_read_reaches_a_client_that_sends_its_whole_body_first()
    {
        var ct = TestContext.Current.CancellationToken;
        var headers = $"X-Api-Key: {TestKeys.OtherTenantIngest}\r\nContent-Type: application/json\r\n";

        // The other tenant's bucket holds 2: within a few 4 MB batches one is refused; every answer is read whole.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        RawHttp.Answer answer;
        do
        {
            using var http = await RawHttp.ConnectAsync(_system.Api.BaseAddress, ct);
            answer = await http.PostAsync("/api/v1/alerts?dryRun=true", headers, 4 * 1024 * 1024, ct);
        }
        while (answer.Status != 429 && DateTime.UtcNow < deadline);

        Assert.Equal(429, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType?.Split(';')[0]);
        Assert.Equal(429, (int)JsonNode.Parse(answer.Body)!["status"]!);
    }

    [Fact]
    public async Task Made_up_keys_cost_the_cluster_nothing_and_an_address_that_keeps_failing_gets_429()
    {
        var ct = TestContext.Current.CancellationToken;
        using var stranger = _system.CreateClient(apiKey: null);
        var statuses = new List<HttpStatusCode>();
        TimeSpan? retryAfter = null;
        for (var i = 0; i < 150; i++)
        {
            // The issued format, a random id: each would be a grain of its own if the id were not checked first.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents");
            request.Headers.Add("X-Api-Key", $"inc_{Guid.NewGuid():N}"[..16] + "_" + new string('A', 43));
            using var answer = await stranger.SendAsync(request, ct);
            statuses.Add(answer.StatusCode);
            retryAfter ??= answer.StatusCode == HttpStatusCode.TooManyRequests ? answer.Headers.RetryAfter?.Delta : null;
        }

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"{s}"));
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Unauthorized), 40, 100);
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 50, "the failing address was never held back");
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1), "no Retry-After on the 429");

        // A configured key from the same address is not held back.
        using var admin = _system.CreateClient(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/incidents", ct)).StatusCode);

        // A key issued now signs in once the address has failures to spend again, and is then the one key grain active.
        using var installation = _system.CreateClient(TestKeys.InstallationAdmin);
        var issued = await installation.PostAsync("/api/v1/admin/keys", Json.Body("""{"tenantId":"default","role":"analyst"}"""), ct);
        var key = (string)(await Json.Read(issued))["key"]!;
        using var analyst = _system.CreateClient(key);
        var signedIn = await Poll.Until(async () => (await analyst.GetAsync("/api/v1/incidents", ct)).StatusCode, s => s == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, signedIn);

        var keyGrains = await Poll.Until(async () => await KeyGrainActivations(installation, ct), n => n >= 1);
        Assert.Equal(1, keyGrains);
    }

    /// <summary>Key grains active in the cluster, by the Orleans dashboard's counters; -1 when it did not answer.</summary>
    private static async Task<int> KeyGrainActivations(HttpClient installation, CancellationToken ct)
    {
        using var answer = await installation.GetAsync("/dashboard/DashboardCounters", ct);
        if (!answer.IsSuccessStatusCode)
        {
            return -1; // this system's limit of 5 requests a second: ask again
        }

        var counters = await answer.Content.ReadFromJsonAsync<JsonObject>(ct);
        return counters?["simpleGrainStats"]?.AsArray()
            .Where(s => ((string?)s?["grainType"])?.Contains("ApiKeyGrain", StringComparison.Ordinal) == true)
            .Sum(s => (int?)s?["activationCount"] ?? 0) ?? 0;
    }
}

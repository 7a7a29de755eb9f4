using System.Globalization;
using System.Net;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Storage that stalls under a trickle of batches, each test on a system of its own: every post is answered within
/// seconds (503 with Retry-After and a problem while nothing can be journalled), /health names storage while it lasts
/// and is 200 after, and once storage answers again ingest resumes by itself with every acknowledged alert stored.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class StorageStallTests : IAsyncLifetime
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(25);

    /// <summary>A post made while storage stalls: the journal write's deadline (3 s) and the rest of the request.</summary>
    private static readonly TimeSpan DuringStall = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Any post, also one already journalled when storage stalled, whose delivery may wait on a grain's state read:
    /// the journal's 3 s and the cluster's response timeout of 10 s.
    /// </summary>
    private static readonly TimeSpan AnyPost = TimeSpan.FromSeconds(14);

    private IncidentsSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await IncidentsSystem.StartAsync();

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Storage_frozen_for_25_seconds_answers_each_post_within_5_seconds_and_health_says_so_then_takes_all_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = new StallRun(_system);

        await run.Through(before: 8, begin: () =>
        {
            _system.FreezeStorage();
            return Task.CompletedTask;
        }, end: () =>
        {
            _system.ThawStorage();
            return Task.CompletedTask;
        }, Stall, recovery: TimeSpan.FromSeconds(60), ct);

        AssertAnsweredThroughout(run);
        await AssertEveryTakenAlertStored(run, ct);
    }

    private static void AssertAnsweredThroughout(StallRun run)
    {
        var (began, ended) = run.Fault;
        var posts = run.Posts;
        var during = posts.Where(p => p.At >= began && p.At < ended).ToList();
        var health = run.Health;
        var healthDuring = health.Where(h => h.At >= began && h.AnsweredAt <= ended).ToList();
        var unavailable = during.Where(p => p.Status == HttpStatusCode.ServiceUnavailable).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fault {began.TotalSeconds:0.0}–{ended.TotalSeconds:0.0} s; posts during it: {during.Count} ({unavailable.Count} 503), "
            + $"slowest {Max(during):0.00} s; slowest post of the run {Max(posts):0.00} s; first 503 {First(unavailable, began):0.00} s in; "
            + $"/health: {healthDuring.Count} answers during it, slowest {Max(healthDuring):0.00} s, first 503 "
            + $"{First(healthDuring.Where(h => h.Status == HttpStatusCode.ServiceUnavailable), began):0.00} s in; "
            + $"after it: first 202 {First(posts.Where(p => p.At > ended && p.Status == HttpStatusCode.Accepted), ended):0.00} s, "
            + $"/health 200 {First(health.Where(h => h.At > ended && h.Status == HttpStatusCode.OK), ended):0.00} s"));

        Assert.All(posts, p => Assert.True(p.Status is not null && p.Took < AnyPost, $"a post at {p.At} took {p.Took}: {p.Status} {p.Body}"));
        Assert.All(during, p => Assert.True(p.Took < DuringStall, $"a post during the stall took {p.Took}: {p.Status}"));
        Assert.True(unavailable.Count >= 4, $"only {unavailable.Count} posts were answered 503 during the stall");
        Assert.All(unavailable, p =>
        {
            Assert.True(p.RetryAfter, "a 503 without Retry-After");
            Assert.Equal("application/problem+json", p.MediaType);
            Assert.Equal(503, (int?)p.Json?["status"]);
        });

        Assert.All(health, h => Assert.True(h.Status is not null && h.Took < DuringStall, $"/health at {h.At} took {h.Took}"));
        Assert.Contains(healthDuring, h => h.Status == HttpStatusCode.ServiceUnavailable
            && (string?)h.Json?["checks"]?["storage"]?["status"] == "Unhealthy");
        var last = health[^1];
        Assert.Equal(HttpStatusCode.OK, last.Status);
        Assert.Equal("Healthy", (string?)last.Json?["checks"]?["storage"]?["status"]);
    }

    /// <summary>Every host of every batch answered 202, before the stall or after it, has its alert and an incident holding it.</summary>
    private async Task AssertEveryTakenAlertStored(StallRun run, CancellationToken ct)
    {
        using var analyst = _system.CreateClient(TestKeys.Analyst);
        var hosts = run.Taken.SelectMany(h => h).ToList();
        Assert.Contains(run.Posts, p => p.At > run.Fault.Ended && p.Status == HttpStatusCode.Accepted);
        var missing = await Poll.Until(async () =>
        {
            var wrong = new List<string>();
            foreach (var host in hosts)
            {
                using var response = await analyst.GetAsync($"/api/v1/hosts/{host}", ct);
                var view = response.StatusCode == HttpStatusCode.OK ? await Json.Read(response) : null;
                if (view is null || (int)view["alertCount"]! != 1 || view["openIncidentId"] is null)
                {
                    wrong.Add($"{host}: {(int)response.StatusCode} {view?["alertCount"]}");
                    continue;
                }

                using var incident = await analyst.GetAsync($"/api/v1/incidents/{(string)view["openIncidentId"]!}?alerts=0", ct);
                if (incident.StatusCode != HttpStatusCode.OK || (int)(await Json.Read(incident))["summary"]!["alertCount"]! != 1)
                {
                    wrong.Add($"{host}: its incident {(int)incident.StatusCode}");
                }
            }

            return wrong;
        }, wrong => wrong.Count == 0, TimeSpan.FromMinutes(2));
        Assert.True(missing.Count == 0, $"{missing.Count} of {hosts.Count} hosts not right, e.g. {string.Join("; ", missing.Take(5))}");
    }

    private static double Max(IEnumerable<StallRun.Answer> answers) => answers.Select(a => a.Took.TotalSeconds).DefaultIfEmpty().Max();

    /// <summary>When the first of <paramref name="answers"/> came, in seconds since <paramref name="since"/>.</summary>
    private static double First(IEnumerable<StallRun.Answer> answers, TimeSpan since) =>
        answers.Select(a => (a.AnsweredAt - since).TotalSeconds).DefaultIfEmpty(double.NaN).Min();
}

using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>The live feed across two API instances: changes as they happen, a resume on the other instance, tenants apart.</summary>
[Collection(AloneCollection.Name)]
public sealed class FeedTests : IAsyncLifetime
{
    private IncidentsSystem _system = null!;
    private ServiceProcess _otherApi = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await IncidentsSystem.StartAsync();
        _otherApi = await _system.AddApiAsync();
    }

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    /// <summary>One open feed, read event by event.</summary>
    private sealed class Feed : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly IAsyncEnumerator<SseItem<string>> _events;

        private Feed(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events) => (_response, _events) = (response, events);

        public string? LastId { get; private set; }

        public static async Task<Feed> Open(HttpClient client, string? lastEventId, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/feed");
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }

            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            var stream = await response.Content.ReadAsStreamAsync(ct);
            return new Feed(response, SseParser.Create(stream).EnumerateAsync(ct).GetAsyncEnumerator(ct));
        }

        /// <summary>Events until one <paramref name="last"/> matches (heartbeats left out), within a deadline.</summary>
        public async Task<List<SseItem<string>>> Until(Func<SseItem<string>, bool> last, TimeSpan? within = null)
        {
            using var deadline = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
            var seen = new List<SseItem<string>>();
            while (await _events.MoveNextAsync().AsTask().WaitAsync(deadline.Token))
            {
                var item = _events.Current;
                if (item.EventType == "heartbeat")
                {
                    continue;
                }

                LastId = item.EventId ?? LastId;
                seen.Add(item);
                if (last(item))
                {
                    return seen;
                }
            }

            throw new InvalidOperationException("the feed ended");
        }

        public async ValueTask DisposeAsync()
        {
            await _events.DisposeAsync();
            _response.Dispose();
        }
    }

    private static bool About(SseItem<string> item, string kind, string text) => item.EventType == kind && item.Data.Contains(text, StringComparison.Ordinal);

    [Fact]
    public async Task Changes_arrive_as_they_happen_and_a_reader_resumes_on_the_other_instance_without_missing_any()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ingest = _system.CreateClient(TestKeys.Ingest);
        using var analystA = _system.CreateClient(TestKeys.Analyst);
        using var analystB = _system.CreateClient(TestKeys.Analyst, _otherApi);
        var host = $"feed-{Guid.NewGuid():N}"[..20];

        string id;
        string resumeAt;
        await using (var feed = await Feed.Open(analystA, null, ct))
        {
            await feed.Until(e => e.EventType == "ready");
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host)), ct)).StatusCode);
            var opened = (await feed.Until(e => About(e, "opened", host)))[^1];
            var summary = JsonNode.Parse(opened.Data)!;
            id = (string)summary["id"]!;
            Assert.Equal(("new", "high"), ((string)summary["status"]!, (string)summary["severity"]!));

            Assert.Equal(HttpStatusCode.OK, (await analystA.PostAsync($"/api/v1/incidents/{id}/acknowledge", Json.Body("{}"), ct)).StatusCode);
            Assert.Equal("acknowledged", (string)JsonNode.Parse((await feed.Until(e => About(e, "status", id)))[^1].Data)!["status"]!);
            Assert.Equal(HttpStatusCode.OK, (await analystA.PostAsync($"/api/v1/incidents/{id}/assign", Json.Body(new JsonObject { ["assignee"] = "alice" }), ct)).StatusCode);
            await feed.Until(e => About(e, "assignee", "alice"));
            resumeAt = feed.LastId!;
        }

        // While no one reads: three changes, on whichever instance.
        Assert.Equal(HttpStatusCode.OK, (await analystB.PostAsync($"/api/v1/incidents/{id}/status", Json.Body(new JsonObject { ["status"] = "investigating", ["reason"] = "x" }), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analystA.PostAsync($"/api/v1/incidents/{id}/severity", Json.Body(new JsonObject { ["severity"] = "critical", ["reason"] = "x" }), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host, sourceId: "again", title: "Second alert")), ct)).StatusCode);

        await using var resumed = await Feed.Open(analystB, resumeAt, ct);
        var missed = await resumed.Until(e => e.EventType == "ready");
        Assert.Equal(["status", "severity", "grew"], missed.Where(e => e.Data.Contains(id, StringComparison.Ordinal)).Select(e => e.EventType));
        Assert.DoesNotContain(missed, e => e.EventType is "reset" or "opened" or "assignee");
    }

    [Fact]
    public async Task A_tenants_feed_carries_nothing_of_another_tenant_and_a_made_up_position_is_a_400()
    {
        var ct = TestContext.Current.CancellationToken;
        using var acmeIngest = _system.CreateClient(TestKeys.OtherTenantIngest);
        using var acmeAnalyst = _system.CreateClient(TestKeys.OtherTenantAnalyst);
        using var ingest = _system.CreateClient(TestKeys.Ingest);
        var ours = $"ours-{Guid.NewGuid():N}"[..20];
        var marker = $"acme-{Guid.NewGuid():N}"[..20];

        await using var acme = await Feed.Open(acmeAnalyst, null, ct);
        await acme.Until(e => e.EventType == "ready");
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(ours)), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await acmeIngest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(marker)), ct)).StatusCode);

        var seen = await acme.Until(e => About(e, "opened", marker));
        Assert.DoesNotContain(seen, e => e.Data.Contains(ours, StringComparison.Ordinal));

        using var analyst = _system.CreateClient(TestKeys.Analyst);
        foreach (var position in new[] { "garbage", string.Join('.', Enumerable.Repeat("zzzzzzzz:1", 16)), string.Join('.', Enumerable.Repeat("-:0", 15)) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/feed");
            request.Headers.TryAddWithoutValidation("Last-Event-ID", position);
            using var answer = await analyst.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }

        using var ingestOnly = await ingest.GetAsync("/api/v1/incidents/feed", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.Forbidden, ingestOnly.StatusCode);
    }
}

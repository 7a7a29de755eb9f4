using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>The queue over HTTP: filters, sorts, pages that hold while incidents open and change, and what it refuses.</summary>
[Collection(SystemCollection.Name)]
public sealed class QueueTests(SystemFixture fixture)
{
    private async Task<List<string>> Open(int count, string tag, CancellationToken ct)
    {
        var hosts = Enumerable.Range(0, count).Select(i => $"q-{tag}-{i:D2}").ToArray();
        // A rule of their own: the verdicts other tests give the usual rule must not decide whether a Medium one opens.
        var batch = new JsonArray([.. hosts.Select((h, i) =>
        {
            var alert = Json.NativeAlert(h, i % 2 == 0 ? "high" : "medium", title: $"Queue probe {tag} {i:D2}");
            alert["ruleId"] = $"R-{tag}";
            return (JsonNode)alert;
        })]);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(batch), ct)).StatusCode);
        var ids = new List<string>();
        foreach (var host in hosts)
        {
            var id = (string)(await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?host={host}", ct))).Single()!["id"]!;
            var tagged = await fixture.Analyst.PostAsync($"/api/v1/incidents/{id}/tags", Json.Body(new JsonObject { ["add"] = new JsonArray(tag) }), ct);
            Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
            ids.Add(id);
        }

        return ids;
    }

    [Fact]
    public async Task Pages_follow_next_through_every_match_once_while_incidents_open_and_change()
    {
        var ct = TestContext.Current.CancellationToken;
        var tag = $"t{Guid.NewGuid():N}"[..12];
        var ids = await Open(23, tag, ct);

        var whole = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents?tag={tag}&limit=100&sort=created", ct));
        Assert.Equal(23, (int)whole["total"]!);
        Assert.Null(whole["next"]);
        var inOrder = whole["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents?tag={tag}&limit=5&sort=created" + (next is null ? "" : $"&cursor={next}"), ct));
            seen.AddRange(page["items"]!.AsArray().Select(i => (string)i!["id"]!));
            next = (string?)page["next"];
            pages++;

            // Meanwhile one already seen changes and a new one opens: neither moves what is left to page through.
            Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PostAsync($"/api/v1/incidents/{seen[0]}/notes", Json.Body(new JsonObject { ["text"] = $"page {pages}" }), ct)).StatusCode);
        }
        while (next is not null);

        Assert.Equal(inOrder, seen);
        Assert.Equal(5, pages);
        Assert.Equal(ids.Order(), seen.Order());
    }

    [Fact]
    public async Task Filters_combine_and_assignee_me_is_the_caller()
    {
        var ct = TestContext.Current.CancellationToken;
        var tag = $"t{Guid.NewGuid():N}"[..12];
        var ids = await Open(6, tag, ct);
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/incidents/{ids[0]}/assign", Json.Body(new JsonObject { ["team"] = "endpoint" }), ct)).StatusCode);
        var mine = await Json.Read(await fixture.Analyst.PostAsync($"/api/v1/incidents/{ids[1]}/assign", Json.Body(new JsonObject()), ct));
        var me = await fixture.Analyst.PostAsync($"/api/v1/incidents/{ids[1]}/status", Json.Body(new JsonObject { ["status"] = "resolved", ["reason"] = "x", ["classification"] = "benign" }), ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.NotNull(mine);

        async Task<List<string>> Ids(string query) =>
            [.. (await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?tag={tag}&limit=100&{query}", ct))).Select(i => (string)i!["id"]!)];

        Assert.Equal(6, (await Ids("")).Count);
        Assert.Equal([ids[1]], await Ids("status=resolved"));
        Assert.Equal(5, (await Ids("status=new&status=acknowledged")).Count);
        Assert.Equal(3, (await Ids("severity=high")).Count);
        Assert.Equal([ids[0]], await Ids("team=endpoint"));
        Assert.Equal([ids[4]], await Ids($"q=probe%20{tag}%2004"));
        Assert.Equal([ids[3]], await Ids($"host=q-{tag}-03"));
        Assert.Empty(await Ids("assignee=me"));
        Assert.Empty(await Ids("createdTo=2000-01-01T00:00:00Z"));
        Assert.Equal(6, (await Ids("updatedFrom=2000-01-01T00:00:00Z&sort=severity")).Count);
        Assert.Empty(await Ids("category=exfiltration"));
    }

    [Theory]
    [InlineData("status=burning")]
    [InlineData("status=")]
    [InlineData("severity=apocalyptic")]
    [InlineData("sort=random")]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=ten")]
    [InlineData("cursor=garbage!")]
    [InlineData("cursor=MC4xLjIuLi4")]
    [InlineData("createdFrom=yesterday")]
    [InlineData("q=")]
    [InlineData("team=a%00b")]
    public async Task A_query_it_cannot_take_is_a_400_that_says_why(string query)
    {
        var answer = await fixture.Analyst.GetAsync($"/api/v1/incidents?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)(await Json.Read(answer))["detail"]));
    }

    [Fact]
    public async Task A_cursor_answers_only_the_sort_it_came_from()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/incidents?limit=1&sort=created", ct));
        var next = (string?)page["next"];
        Assert.NotNull(next); // the shared system holds more than one incident by now

        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.GetAsync($"/api/v1/incidents?limit=1&sort=created&cursor={next}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync($"/api/v1/incidents?limit=1&sort=updated&cursor={next}", ct)).StatusCode);
    }
}

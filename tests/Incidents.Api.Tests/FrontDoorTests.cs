using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

[Collection(SystemCollection.Name)]
public sealed class FrontDoorTests(SystemFixture fixture)
{
    private static string NewHost() => $"ws-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Health_is_anonymous_and_ok_once_the_cluster_answers()
    {
        using var anonymous = fixture.System.CreateClient(null);
        var response = await anonymous.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_front_door()
    {
        using var anonymous = fixture.System.CreateClient(null);
        var document = await Json.Read(await anonymous.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/alerts", paths);
        Assert.Contains("/api/v1/incidents", paths);
        Assert.Contains("/api/v1/incidents/{id}", paths);
        Assert.Contains("/api/v1/hosts/{key}", paths);
    }

    [Fact]
    public async Task An_alert_becomes_an_incident_that_the_analyst_can_find_by_host()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = NewHost();
        var posted = Json.NativeAlert(host);
        var post = await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(posted), ct);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var result = await Json.Read(post);
        Assert.Equal(1, (int)result["accepted"]!);
        Assert.Equal(0, (int)result["duplicates"]!);
        Assert.Empty(result["rejected"]!.AsArray());

        var list = (await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?host={host}", ct)));
        var summary = Assert.Single(list)!;
        Assert.Equal("new", (string)summary["status"]!);
        Assert.Equal("high", (string)summary["severity"]!);
        Assert.Equal(1, (int)summary["alertCount"]!);
        Assert.Equal([host], summary["hosts"]!.AsArray().Select(h => (string)h!));

        var id = (string)summary["id"]!;
        var incident = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct));
        Assert.Equal(id, (string)incident["summary"]!["id"]!);
        Assert.Equal(["alice"], incident["users"]!.AsArray().Select(u => (string)u!));
        var alert = Assert.Single(incident["alerts"]!.AsArray())!;
        Assert.Equal("Credential dumping", (string)alert["title"]!);
        Assert.Equal("T1003.001", (string)alert["technique"]!);
        Assert.Equal(DateTimeOffset.Parse((string)posted["time"]!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((string)alert["time"]!, System.Globalization.CultureInfo.InvariantCulture));

        var hostView = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct));
        Assert.Equal(id, (string)hostView["openIncidentId"]!);
        Assert.Equal(1, (int)hostView["alertCount"]!);
    }

    [Fact]
    public async Task A_redelivered_batch_is_counted_as_duplicates_not_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = NewHost();
        var batch = new JsonArray(Json.NativeAlert(host, sourceId: "a-1"), Json.NativeAlert(host, sourceId: "a-2"), Json.NativeAlert(host, sourceId: "a-1"));

        var first = await Json.Read(await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(batch), ct));
        Assert.Equal(2, (int)first["accepted"]!);
        Assert.Equal(1, (int)first["duplicates"]!);

        var again = await Json.Read(await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(batch.DeepClone()), ct));
        Assert.Equal(0, (int)again["accepted"]!);
        Assert.Equal(3, (int)again["duplicates"]!);

        var hostView = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct));
        Assert.Equal(2, (int)hostView["alertCount"]!);
    }

    [Fact]
    public async Task One_bad_item_is_rejected_with_its_index_and_the_good_ones_beside_it_are_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = NewHost();
        var missingTitle = Json.NativeAlert(host);
        missingTitle.Remove("title");
        var batch = new JsonArray(Json.NativeAlert(host), missingTitle, JsonValue.Create(42), Json.NativeAlert(host));

        var response = await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(batch), ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await Json.Read(response);
        Assert.Equal(2, (int)result["accepted"]!);
        var rejected = result["rejected"]!.AsArray();
        Assert.Equal([1, 2], rejected.Select(r => (int)r!["index"]!));
        Assert.Contains("title", (string)rejected[0]!["error"]!, StringComparison.Ordinal);

        var hostView = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct));
        Assert.Equal(2, (int)hostView["alertCount"]!);
    }

    [Fact]
    public async Task NDJSON_keeps_every_good_line_around_a_broken_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = NewHost();
        var body = string.Join("\n", Json.NativeAlert(host).ToJsonString(), "{\"source\": broken", "", Json.NativeAlert(host).ToJsonString()) + "\n";

        var result = await Json.Read(await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(body, "application/x-ndjson"), ct));
        Assert.Equal(2, (int)result["accepted"]!);
        Assert.Equal(1, Assert.Single(result["rejected"]!.AsArray())!["index"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("this is not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[{\"a\": 1},", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("<alert/>", "application/xml", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_body_that_is_not_a_batch_is_a_problem_not_a_crash(string body, string contentType, HttpStatusCode expected)
    {
        var response = await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(body, contentType), TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json.Read(response);
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var big = new string(' ', 17 * 1024 * 1024) + "[]";
        var response = await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(big), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (int)(await Json.Read(response))["status"]!);
    }

    [Fact]
    public async Task An_unknown_format_or_status_or_limit_is_a_400()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Ingest.PostAsync("/api/v1/alerts?format=cef", Json.Body("[]"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync("/api/v1/incidents?status=burning", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync("/api/v1/incidents?limit=0", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync($"/api/v1/incidents?host={new string('h', 256)}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync("/api/v1/incidents?host=a%0Ab", ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_incidents_and_hosts_are_404_problems()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var path in new[] { $"/api/v1/incidents/{Guid.NewGuid():N}", "/api/v1/incidents/..%2F..%2Fetc", "/api/v1/hosts/never-seen-host" })
        {
            var response = await fixture.Analyst.GetAsync(path, ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Dry_run_normalises_without_storing()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = NewHost();
        var response = await fixture.Ingest.PostAsync("/api/v1/alerts?dryRun=true", Json.Body(Json.NativeAlert(host)), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Json.Read(response);
        Assert.Equal([host], Assert.Single(result["alerts"]!.AsArray())!["hosts"]!.AsArray().Select(h => (string)h!));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)).StatusCode);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>Runbooks through the API on the real system: the shipped ones listed, attached to an incident as tasks, ticked off into its timeline.</summary>
[Collection(SystemCollection.Name)]
public sealed class RunbookApiTests(SystemFixture fixture)
{
    private async Task<string> NewIncident(string category, CancellationToken ct)
    {
        var host = $"rb-{Guid.NewGuid():N}"[..20];
        var alert = Json.NativeAlert(host, title: "Trojan dropped");
        (alert["ruleId"], alert["category"]) = ("R-runbook", category);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(alert), ct)).StatusCode);
        var id = await Poll.Until(
            async () => (string?)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["openIncidentId"],
            id => id is not null);
        return id ?? throw new InvalidOperationException($"no incident opened on {host}");
    }

    private Task<HttpResponseMessage> Tick(string id, string task, HttpClient? client = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{id}/tasks/{task}/done") { Content = Json.Body("{}") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return (client ?? fixture.Analyst).SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_shipped_runbooks_are_listed_with_their_steps()
    {
        var ct = TestContext.Current.CancellationToken;
        var answer = await fixture.Analyst.GetAsync("/api/v1/runbooks", ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var runbooks = (await Json.Read(answer)).AsArray();
        Assert.Equal(["command-and-control", "credential-access", "default", "exfiltration", "lateral-movement", "malware"], runbooks.Select(r => (string)r!["category"]!));
        Assert.All(runbooks, r => Assert.InRange(r!["steps"]!.AsArray().Count, 6, 10));
        Assert.Equal("lateral-movement-1", (string)runbooks.Single(r => (string)r!["category"]! == "lateral-movement")!["steps"]![0]!["id"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Ingest.GetAsync("/api/v1/runbooks", ct)).StatusCode);
    }

    [Fact]
    public async Task An_incident_has_its_categorys_tasks_and_a_tick_shows_in_its_view_and_timeline_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await NewIncident("malware", ct);

        var tasks = (await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct)))["tasks"]!.AsArray();
        Assert.InRange(tasks.Count, 6, 10);
        Assert.All(tasks, t => Assert.Equal(("malware", false), ((string)t!["runbook"]!, (bool)t["done"]!)));
        Assert.Equal("malware-2", (string)tasks[1]!["id"]!);

        var done = await Tick(id, "malware-2", ifMatch: "\"0\"");
        Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync(ct));
        Assert.Equal("\"1\"", done.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, (await Tick(id, "malware-2")).StatusCode); // done already: unchanged
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Tick(id, "malware-3", ifMatch: "\"0\"")).StatusCode);

        var incident = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct));
        Assert.Equal(1, (int)incident["summary"]!["version"]!);
        var ticked = incident["tasks"]!.AsArray()[1]!;
        Assert.True((bool)ticked["done"]!);
        Assert.False(string.IsNullOrEmpty((string?)ticked["doneBy"]));
        Assert.NotNull(ticked["doneAt"]);
        var timeline = incident["timeline"]!.AsArray();
        var entry = Assert.Single(timeline, e => (string)e!["kind"]! == "task")!;
        Assert.Equal((string?)ticked["doneBy"], (string?)entry["actor"]);
        Assert.Single(timeline, e => (string)e!["kind"]! == "runbook" && ((string)e["text"]!).Contains("malware", StringComparison.Ordinal));

        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var audit = (await Json.Read(await admin.GetAsync("/api/v1/audit?limit=200", ct))).AsArray();
        Assert.Single(audit, e => (string)e!["target"]! == id && (string)e["action"]! == "incident.task");
    }

    [Fact]
    public async Task An_unknown_task_is_404_and_another_tenants_analyst_gets_404_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await NewIncident("lateral-movement", ct);

        foreach (var task in new[] { "lateral-movement-99", "malware-1", "LATERAL-MOVEMENT-1", "lateral-movement-0", "x" })
        {
            var answer = await Tick(id, task);
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{task}: {(int)answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        using var other = fixture.System.CreateClient(TestKeys.OtherTenantAnalyst);
        var theirs = await Tick(id, "lateral-movement-1", other);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/incidents/{id}", ct)).StatusCode);

        var incident = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct));
        Assert.All(incident["tasks"]!.AsArray(), t => Assert.False((bool)t!["done"]!));
        Assert.Equal(0, (int)incident["summary"]!["version"]!);
    }
}

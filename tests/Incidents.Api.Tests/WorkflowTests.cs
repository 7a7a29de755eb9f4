using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>An analyst works an incident through the API: every action stored, in the timeline and the audit log.</summary>
[Collection(SystemCollection.Name)]
public sealed class WorkflowTests(SystemFixture fixture)
{
    private static string NewHost() => $"wf-{Guid.NewGuid():N}"[..20];

    private async Task<string> NewIncident(string host, CancellationToken ct)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host)), ct)).StatusCode);
        var list = (await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?host={host}", ct)));
        return (string)Assert.Single(list)!["id"]!;
    }

    private Task<HttpResponseMessage> Act(string id, string action, object? body, string? ifMatch = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{id}/{action}")
        {
            Content = Json.Body(body is null ? "{}" : System.Text.Json.JsonSerializer.Serialize(body, Json.Options)),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return (client ?? fixture.Analyst).SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_analyst_takes_an_incident_from_new_to_resolved_and_every_step_is_in_its_timeline_and_the_audit_log()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await NewIncident(NewHost(), ct);

        var steps = new (string Action, object Body, string Status)[]
        {
            ("acknowledge", new { }, "acknowledged"),
            ("assign", new { assignee = "alice", team = "endpoint" }, "acknowledged"),
            ("status", new { status = "investigating", reason = "looking at lsass access" }, "investigating"),
            ("notes", new { text = "## Found\n- rundll32 read **lsass**\n<script>alert(1)</script>" }, "investigating"),
            ("severity", new { severity = "critical", reason = "domain admin's workstation" }, "investigating"),
            ("tags", new { add = new[] { "credential-access", "dc-adjacent" } }, "investigating"),
            ("status", new { status = "contained", reason = "host isolated" }, "contained"),
            ("status", new { status = "resolved", reason = "reimaged, password reset", classification = "truePositive" }, "resolved"),
        };
        var version = 0;
        foreach (var (action, body, status) in steps)
        {
            var answer = await Act(id, action, body, ifMatch: $"\"{version}\"");
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{action}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}");
            var summary = await Json.Read(answer);
            version++;
            Assert.Equal((status, version, $"\"{version}\""), ((string)summary["status"]!, (int)summary["version"]!, answer.Headers.ETag?.Tag));
        }

        var read = await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct);
        Assert.Equal($"\"{version}\"", read.Headers.ETag?.Tag);
        var incident = await Json.Read(read);
        var s = incident["summary"]!;
        Assert.Equal(("resolved", "truePositive", "alice", "endpoint", "critical", "high"),
            ((string)s["status"]!, (string)s["classification"]!, (string)s["assignee"]!, (string)s["team"]!, (string)s["analystSeverity"]!, (string)s["severity"]!));
        Assert.Equal(["credential-access", "dc-adjacent"], s["tags"]!.AsArray().Select(t => (string)t!));
        var note = Assert.Single(incident["notes"]!.AsArray())!;
        Assert.Equal("## Found\n- rundll32 read **lsass**\n<script>alert(1)</script>", (string)note["text"]!);
        var workflow = incident["workflow"]!;
        Assert.Equal("reimaged, password reset", (string)workflow["resolution"]!);
        Assert.NotNull(workflow["acknowledgedAt"]);
        Assert.NotNull(workflow["containedAt"]);

        var actions = incident["timeline"]!.AsArray().Where(e => e!["actor"] is not null).ToList();
        Assert.Equal(["acknowledge", "assign", "status", "note", "severity", "tags", "status", "status"], actions.Select(a => (string)a!["kind"]!));
        Assert.All(actions, a => Assert.False(string.IsNullOrEmpty((string)a!["actor"]!)));
        var resolved = actions[^1]!;
        Assert.Equal(("contained", "resolved as truePositive"), ((string)resolved["before"]!, (string)resolved["after"]!));

        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var audit = (await Json.Read(await admin.GetAsync("/api/v1/audit?limit=200", ct))).AsArray();
        var mine = audit.Where(e => (string)e!["target"]! == id).Select(e => (string)e!["action"]!).Reverse().ToList();
        Assert.Equal(["incident.acknowledge", "incident.assign", "incident.status", "incident.note", "incident.severity", "incident.tags", "incident.status", "incident.status"], mine);
    }

    [Fact]
    public async Task An_illegal_move_is_409_naming_the_legal_ones_and_a_bad_action_is_400()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await NewIncident(NewHost(), ct);
        Assert.Equal(HttpStatusCode.OK, (await Act(id, "status", new { status = "contained", reason = "isolated" })).StatusCode);

        var back = await Act(id, "status", new { status = "acknowledged", reason = "oops" });

        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
        Assert.Equal("application/problem+json", back.Content.Headers.ContentType?.MediaType);
        var problem = await Json.Read(back);
        Assert.Equal(["resolved"], problem["legal"]!.AsArray().Select(l => (string)l!));
        Assert.Contains("resolved", (string)problem["detail"]!, StringComparison.Ordinal);

        foreach (var (action, body) in new (string, object)[]
        {
            ("status", new { status = "new", reason = "x" }),
            ("status", new { status = "merged", reason = "x" }),
            ("status", new { status = "resolved", reason = "done" }),
            ("status", new { status = "resolved", reason = "done", classification = "maybe" }),
            ("status", new { status = "bogus", reason = "x" }),
            ("status", new { reason = "x" }),
            ("notes", new { text = "" }),
            ("notes", new { text = new string('x', 8_001) }),
            ("severity", new { severity = "apocalyptic", reason = "x" }),
            ("severity", new { severity = "low" }),
            ("assign", new { assignee = "bob\u0000" }),
            ("tags", new { add = Array.Empty<string>() }),
        })
        {
            var answer = await Act(id, action, body);
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{action} {System.Text.Json.JsonSerializer.Serialize(body)}: {(int)answer.StatusCode}");
            Assert.False(string.IsNullOrEmpty((string?)(await Json.Read(answer))["detail"]));
        }

        var after = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct));
        Assert.Equal(("contained", 1), ((string)after["summary"]!["status"]!, (int)after["summary"]!["version"]!));
    }

    [Fact]
    public async Task Two_analysts_on_the_same_version_never_overwrite_each_other_unseen()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await NewIncident(NewHost(), ct);
        var seen = (await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct)).Headers.ETag!.Tag;

        var answers = await Task.WhenAll(
            Act(id, "assign", new { assignee = "alice" }, seen),
            Act(id, "assign", new { assignee = "bob" }, seen));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(a => a.StatusCode).Order());
        var refused = answers.Single(a => a.StatusCode == HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, (int)(await Json.Read(refused))["version"]!);
        Assert.Equal("\"1\"", refused.Headers.ETag?.Tag);
        var winner = (string)(await Json.Read(answers.Single(a => a.StatusCode == HttpStatusCode.OK)))["assignee"]!;
        Assert.Equal(winner, (string)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct)))["summary"]!["assignee"]!);

        foreach (var tag in new[] { "W/\"1\"", "\"1\", \"2\"", "1", "\"x\"", "\"-1\"" })
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await Act(id, "notes", new { text = "x" }, tag)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await Act(id, "notes", new { text = "any version" }, "*")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(id, "notes", new { text = "no header" })).StatusCode);
    }

    [Fact]
    public async Task A_resolved_incident_takes_no_more_alerts_and_the_hosts_next_alert_opens_one_that_names_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = NewHost();
        var first = await NewIncident(host, ct);
        Assert.Equal(HttpStatusCode.OK, (await Act(first, "status", new { status = "resolved", reason = "benign admin tool", classification = "benign" })).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host, title: "Again")), ct)).StatusCode);

        var listed = (await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?host={host}", ct)));
        var next = listed.Single(i => (string)i!["id"]! != first)!;
        Assert.Equal(("new", first, 1), ((string)next["status"]!, (string)next["follows"]!, (int)next["alertCount"]!));
        var old = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{first}", ct));
        Assert.Equal(("resolved", 1), ((string)old["summary"]!["status"]!, (int)old["summary"]!["alertCount"]!));
        Assert.Equal(HttpStatusCode.Conflict, (await Act(first, "acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(first, "status", new { status = "investigating", reason = "it came back" })).StatusCode);
    }

    [Fact]
    public async Task Only_analysts_and_admins_act_and_no_one_acts_on_what_is_not_theirs()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await NewIncident(NewHost(), ct);
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        using var otherTenant = fixture.System.CreateClient(TestKeys.OtherTenantAnalyst);

        Assert.Equal(HttpStatusCode.Forbidden, (await Act(id, "acknowledge", null, client: fixture.Ingest)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(id, "notes", new { text = "admin was here" }, client: admin)).StatusCode);
        var foreign = await Act(id, "acknowledge", null, client: otherTenant);
        var unknown = await Act(new string('a', 32), "acknowledge", null);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.StatusCode, unknown.StatusCode));
        Assert.Equal(await Detail(unknown), (await Detail(foreign)).Replace(id, new string('a', 32), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await Act("../" + id, "acknowledge", null)).StatusCode);
        Assert.Equal("new", (string)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct)))["summary"]!["status"]!);

        static async Task<string> Detail(HttpResponseMessage r) => (string)(await Json.Read(r))["detail"]!;
    }

    [Fact]
    public async Task Hostile_action_bodies_are_refused_with_a_problem_and_change_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await NewIncident(NewHost(), ct);
        string[] actions = ["acknowledge", "assign", "status", "notes", "severity", "tags"];
        (string Body, string Type)[] bodies =
        [
            ("{", "application/json"), ("[]", "application/json"), ("\"text\"", "application/json"), ("null", "application/json"),
            ("{\"status\":1,\"reason\":[]}", "application/json"), ("{\"text\":{\"a\":1}}", "application/json"),
            ("{\"add\":\"x\"}", "application/json"), ("{\"add\":[1,2]}", "application/json"), ("{\"assignee\":true}", "application/json"),
            ("{\"severity\":\"\\u0000\",\"reason\":\"x\"}", "application/json"), ("{\"text\":\"\\ud800\"}", "application/json"),
            ("text=hi", "application/x-www-form-urlencoded"), ("<x/>", "application/xml"),
            ("{\"text\":\"" + new string('a', 1_100_000) + "\"}", "application/json"),
        ];
        foreach (var action in actions)
        {
            foreach (var (body, type) in bodies)
            {
                using var content = new StringContent(body, System.Text.Encoding.UTF8);
                content.Headers.ContentType = new(type);
                using var answer = await fixture.Analyst.PostAsync($"/api/v1/incidents/{id}/{action}", content, ct);
                var code = (int)answer.StatusCode;
                var what = $"{action} {type} {body[..Math.Min(40, body.Length)]}: {code}";
                Assert.True(code is >= 400 and < 500 || (action == "acknowledge" && code == 200), what);
                if (code >= 400)
                {
                    Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        var after = (await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct)))["summary"]!;
        Assert.True((int)after["version"]! <= 1, "only an acknowledge may have landed");
        Assert.Empty(after["tags"]!.AsArray());
        Assert.Null((string?)after["assignee"]);
    }

    [Fact]
    public async Task A_token_users_action_names_them_in_the_timeline()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await NewIncident(NewHost(), ct);
        using var carol = fixture.System.CreateBearerClient(TestTokens.Create("carol@corp.example", ["analyst"], "default"));

        Assert.Equal(HttpStatusCode.OK, (await Act(id, "acknowledge", null, client: carol)).StatusCode);

        var timeline = (await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/incidents/{id}", ct)))["timeline"]!.AsArray();
        Assert.Equal("carol@corp.example", (string)timeline.Single(e => (string)e!["kind"]! == "acknowledge")!["actor"]!);
    }
}

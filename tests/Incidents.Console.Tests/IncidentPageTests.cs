using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Incidents.Testing;
using Microsoft.Playwright;
using static Incidents.Console.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Console.Tests;

/// <summary>
/// The incident page in Chromium against the real system: the lateral-movement graph drawn from a chain posted through
/// the front door, the escalation clock, the analyst's actions (acknowledge, assign, a verdict, a note, a runbook task)
/// landing in the timeline, and the page kept live by the feed without losing what the analyst is typing.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class IncidentPageTests(ConsoleFixture fixture)
{
    private static readonly DateTimeOffset ChainStart = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    /// <summary>One step of lateral movement as an EDR reports it: on <paramref name="from"/>, reaching <paramref name="to"/>.</summary>
    private static JsonObject Step((string Name, string Ip) from, (string Name, string Ip) to, int minutes, string title, string technique, int port)
    {
        var alert = NativeAlert(from.Name, title, technique: technique, user: "svc-admin");
        alert["ruleId"] = $"R-lateral-{technique}";
        alert["time"] = ChainStart.AddMinutes(minutes).ToString("O", CultureInfo.InvariantCulture);
        alert["src"] = new JsonObject { ["ip"] = from.Ip, ["hostName"] = from.Name };
        alert["dst"] = new JsonObject { ["ip"] = to.Ip, ["hostName"] = to.Name, ["port"] = port };
        return alert;
    }

    /// <summary>The incident holding the whole chain once correlation has put its three steps together (merges and all).</summary>
    private async Task<string> ChainIncidentAsync(string lastHost, params string[] hosts)
    {
        var ct = TestContext.Current.CancellationToken;
        using var analyst = fixture.System.CreateClient(TestKeys.Analyst);
        var id = await Poll.Until(
            async () =>
            {
                var list = await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/incidents?host={lastHost}", ct);
                var first = list?["items"]?.AsArray().FirstOrDefault();
                return first is not null && (int)first["hostCount"]! == 4 ? (string?)first["id"] : null;
            },
            found => found is not null, TimeSpan.FromSeconds(Patience / 1000));
        if (id is null)
        {
            // What correlation made of each host, so that a failure says where the chain broke.
            var dump = new System.Text.StringBuilder();
            foreach (var h in hosts)
            {
                dump.AppendLine(h).AppendLine(await analyst.GetStringAsync($"/api/v1/incidents?host={h}&status=merged&status=new&status=acknowledged", ct));
                dump.AppendLine(await analyst.GetStringAsync($"/api/v1/hosts/{h}", ct));
            }

            Assert.Fail(dump.ToString());
        }

        await Poll.Until(
            async () => await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{id}", ct),
            view => view?["lateralMovement"]?.AsArray().Count == 3, TimeSpan.FromSeconds(Patience / 1000));
        return id;
    }

    private static string Run() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_three_hop_chain_is_drawn_as_four_hosts_and_three_steps_from_the_first_compromised()
    {
        var run = Run();
        var net = $"10.{Random.Shared.Next(100, 250).ToString(CultureInfo.InvariantCulture)}.{Random.Shared.Next(1, 250).ToString(CultureInfo.InvariantCulture)}";
        var (a, b, c, d) = (($"ws-{run}", $"{net}.10"), ($"fs-{run}", $"{net}.11"), ($"app-{run}", $"{net}.12"), ($"dc-{run}", $"{net}.13"));
        // Posted backwards, one at a time, as a late sensor would: correlation still finds one incident and its path.
        // The last host counts as reached once it raises an alert of its own (until then it is only a suspicion).
        var impact = NativeAlert(d.Item1, $"Ransomware note written {run}", severity: "critical", technique: "T1486", user: "svc-admin");
        impact["time"] = ChainStart.AddMinutes(90).ToString("O", CultureInfo.InvariantCulture);
        await fixture.PostAlertsAsync(impact);
        await fixture.PostAlertsAsync(Step(c, d, 80, $"RDP admin logon {run}", "T1021.001", 3389));
        await fixture.PostAlertsAsync(Step(b, c, 50, $"WinRM session {run}", "T1021.006", 5985));
        await fixture.PostAlertsAsync(Step(a, b, 20, $"Remote service over SMB {run}", "T1021.002", 445));
        var id = await ChainIncidentAsync(d.Item1, a.Item1, b.Item1, c.Item1, d.Item1);

        var page = await fixture.OpenSignedInAsync($"/incidents/{id}");
        var graph = page.Locator("#incident-graph");
        await Expect(graph).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(graph.Locator("[data-host]")).ToHaveCountAsync(4, new() { Timeout = Patience });
        foreach (var host in new[] { a, b, c, d })
        {
            await Expect(graph.Locator($"[data-host='{host.Item1}']")).ToHaveCountAsync(1);
        }

        await Expect(graph.Locator("[data-from]")).ToHaveCountAsync(3);
        foreach (var (from, to, technique) in new[] { (a, b, "T1021.002"), (b, c, "T1021.006"), (c, d, "T1021.001") })
        {
            var step = graph.Locator($"[data-from='{from.Item1}'][data-to='{to.Item1}']");
            await Expect(step).ToHaveCountAsync(1);
            await Expect(step).ToContainTextAsync(technique);
        }

        // The first compromised host is marked, in words as well as in shape and colour; no other is.
        var first = graph.Locator($"[data-host='{a.Item1}']");
        await Expect(first).ToHaveClassAsync(new Regex(@"\bfirst\b"));
        await Expect(first).ToHaveAttributeAsync("aria-label", new Regex("first compromised"));
        await Expect(graph.Locator(".node.first")).ToHaveCountAsync(1);
        await Expect(graph.GetByRole(AriaRole.Link, new() { Name = $"Host {d.Item1}, compromised" })).ToBeVisibleAsync();

        // The hosts are in step order, left to right.
        var places = await graph.Locator("[data-host]").EvaluateAllAsync<Dictionary<string, double>>(
            "nodes => Object.fromEntries(nodes.map(n => [n.getAttribute('data-host'), n.getBBox().x]))");
        var xs = new[] { a, b, c, d }.Select(host => places[host.Item1]).ToList();
        Assert.Equal(xs.Order(), xs);
        Assert.Equal(4, xs.Distinct().Count());

        await Expect(page.Locator("#incident-facts")).ToContainTextAsync("lateral-movement");
        await Expect(page.Locator("#incident-alerts")).ToContainTextAsync($"WinRM session {run}");
        await SaveScreenshotAsync(page, "console-incident-1280.png");
        await page.SetViewportSizeAsync(1920, 1080);
        await SaveScreenshotAsync(page, "console-incident.png");
        await page.SetViewportSizeAsync(1280, 800);

        // An incident merged into this one on the way says so and links here; its actions are shut.
        using (var analyst = fixture.System.CreateClient(TestKeys.Analyst))
        {
            // Posted backwards, the chain's hosts opened incidents of their own before correlation joined them up.
            var gone = await Poll.Until(
                async () =>
                {
                    foreach (var host in new[] { a, b, c, d })
                    {
                        var merged = await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/incidents?status=merged&host={host.Item1}", TestContext.Current.CancellationToken);
                        if (merged!["items"]!.AsArray().FirstOrDefault(i => (string?)i!["mergedInto"] == id) is { } found)
                        {
                            return (string?)found["id"];
                        }
                    }

                    return null;
                },
                found => found is not null, TimeSpan.FromSeconds(Patience / 1000));
            Assert.NotNull(gone);
            await page.GotoAsync($"/incidents/{gone}");
        }

        var banner = page.Locator("#incident-merged");
        await Expect(banner).ToContainTextAsync("This incident was merged into", new() { Timeout = Patience });
        await Expect(page.Locator("#action-acknowledge")).ToBeDisabledAsync();
        await banner.GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{fixture.BaseAddress}incidents/{id}", new() { Timeout = Patience });
        await Expect(graph.Locator("[data-host]")).ToHaveCountAsync(4, new() { Timeout = Patience });

        // A node is a link to its host's page.
        await graph.Locator($"[data-host='{b.Item1}']").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{fixture.BaseAddress}hosts/{b.Item1}", new() { Timeout = Patience });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Host {b.Item1}" })).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_incident_of_one_host_says_there_is_no_movement_and_an_unknown_one_says_so_in_words()
    {
        var run = Run();
        await fixture.PostAlertsAsync(NativeAlert($"solo-{run}", $"Credential dumping {run}"));
        var id = await fixture.IncidentOfAsync($"solo-{run}");

        var page = await fixture.OpenSignedInAsync($"/incidents/{id}");
        await Expect(page.Locator("#incident-graph-empty")).ToHaveTextAsync("No lateral movement seen: one host.", new() { Timeout = Patience });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Credential dumping {run}" })).ToBeVisibleAsync();

        await page.GotoAsync($"/incidents/inc-never-{run}");
        await Expect(page.Locator("#incident-not-found")).ToContainTextAsync("There is no incident", new() { Timeout = Patience });
        await Expect(page.Locator("#incident-not-found").GetByRole(AriaRole.Link, new() { Name = "Back to the queue" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Acknowledging_and_assigning_change_the_status_and_the_timeline_and_stop_the_escalation_clock()
    {
        var run = Run();
        var host = $"ack-{run}";
        await fixture.PostAlertsAsync(NativeAlert(host, $"Credential dumping {run}"));
        var id = await fixture.IncidentOfAsync(host);

        var page = await fixture.OpenSignedInAsync($"/incidents/{id}");
        var clock = page.Locator("#escalation-clock");
        await Expect(clock).ToHaveAttributeAsync("data-state", "running", new() { Timeout = Patience });
        var countdown = page.Locator("#escalation-countdown");
        await Expect(countdown).ToHaveTextAsync(new Regex(@"^(\d+:\d\d|\d+ h \d\d m)$"));
        var shown = await countdown.TextContentAsync();
        await Expect(countdown).Not.ToHaveTextAsync(shown!, new() { Timeout = 5_000 }); // it counts down each second
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("new");

        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("acknowledged", new() { Timeout = Patience });
        await Expect(clock).ToHaveAttributeAsync("data-state", "stopped", new() { Timeout = Patience });
        await Expect(clock).ToContainTextAsync("Clock stopped: Acknowledged by");
        await Expect(countdown).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToBeDisabledAsync();

        await page.GetByLabel("Assignee").FillAsync($"carol-{run}");
        await page.GetByLabel("Team", new() { Exact = true }).FillAsync($"tier2-{run}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Expect(page.Locator("#incident-assignee")).ToHaveTextAsync($"carol-{run}", new() { Timeout = Patience });
        await Expect(page.Locator("#incident-team")).ToHaveTextAsync($"tier2-{run}");

        var timeline = page.Locator("#incident-timeline");
        await Expect(timeline.Locator("li[data-kind='acknowledge']")).ToHaveCountAsync(1);
        await Expect(timeline.Locator("li[data-kind='assign']")).ToContainTextAsync($"carol-{run} (tier2-{run})");
        await Expect(timeline.Locator("li[data-kind='escalation']", new() { HasText = "the clock stopped" })).ToHaveCountAsync(1);
        // Newest first: the assignment is above the acknowledgement.
        var kinds = await timeline.Locator("li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)");
        Assert.True(Array.IndexOf(kinds, "assign") < Array.IndexOf(kinds, "acknowledge"), string.Join(", ", kinds));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_verdict_resolves_it_and_a_stale_version_is_read_again_keeping_the_typed_reason()
    {
        var run = Run();
        var host = $"verdict-{run}";
        await fixture.PostAlertsAsync(NativeAlert(host, $"Credential dumping {run}"));
        var id = await fixture.IncidentOfAsync(host);
        var page = await fixture.OpenSignedInAsync($"/incidents/{id}");
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("new", new() { Timeout = Patience });

        // Someone else's change, unseen: the page's If-Match names an older version, and the API refuses it (412).
        await page.RouteAsync("**/api/v1/incidents/*/status", async route =>
        {
            var headers = new Dictionary<string, string>(route.Request.Headers) { ["if-match"] = "\"424242\"" };
            await route.ContinueAsync(new() { Headers = headers });
        });
        var reason = $"Admin tooling run by the IT team, ticket {run} <i>";
        await page.GetByLabel("Verdict", new() { Exact = true }).SelectOptionAsync("falsePositive");
        await page.Locator("#action-verdict-reason").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve with this verdict" }).ClickAsync();
        await Expect(page.Locator("#action-verdict-error")).ToContainTextAsync("Someone changed this while you were looking at it", new() { Timeout = Patience });
        await Expect(page.Locator("#action-verdict-reason")).ToHaveValueAsync(reason);
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("new");

        await page.UnrouteAllAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve with this verdict" }).ClickAsync();
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("resolved", new() { Timeout = Patience });
        await Expect(page.Locator("#incident-verdict")).ToContainTextAsync("false positive");
        await Expect(page.Locator("#incident-facts")).ToContainTextAsync(reason);
        await Expect(page.Locator("#action-verdict-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#action-verdict-reason")).ToHaveValueAsync("");
        var entry = page.Locator("#incident-timeline li[data-kind='status']");
        await Expect(entry).ToContainTextAsync("Resolved as falsePositive");
        await Expect(entry).ToContainTextAsync(reason);
        await Expect(page.Locator("#escalation-clock")).ToContainTextAsync("Resolved by", new() { Timeout = Patience });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_runbook_task_is_ticked_and_a_note_shows_as_text_while_a_live_alert_keeps_the_typed_note()
    {
        var run = Run();
        var host = $"task-{run}";
        var alert = NativeAlert(host, $"Trojan dropped {run}");
        alert["category"] = "malware";
        await fixture.PostAlertsAsync(alert);
        var id = await fixture.IncidentOfAsync(host);
        var page = await fixture.OpenSignedInAsync($"/incidents/{id}");
        await Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = Patience });

        var task = page.Locator("#incident-tasks li[data-task-id='malware-1']");
        await Expect(task).ToHaveCountAsync(1, new() { Timeout = Patience });
        var box = task.GetByRole(AriaRole.Checkbox);
        await Expect(box).Not.ToBeCheckedAsync();
        await box.CheckAsync();
        await Expect(task).ToContainTextAsync("done by", new() { Timeout = Patience });
        await Expect(box).ToBeCheckedAsync();
        await Expect(box).ToBeDisabledAsync();
        await Expect(page.Locator("#tasks-count")).ToContainTextAsync("1 of");
        await Expect(page.Locator("#incident-timeline li[data-kind='task']")).ToHaveCountAsync(1);

        // A note half typed when a new alert arrives: the page reads the incident again and the text stays.
        var note = $"Isolated the host <b>now</b> {run}";
        await page.GetByLabel("Note (shown as text)").FillAsync(note);
        await fixture.PostAlertsAsync(NativeAlert(host, $"Second stage {run}"));
        await Expect(page.Locator("#incident-alerts")).ToContainTextAsync($"Second stage {run}", new() { Timeout = Patience });
        await Expect(page.GetByLabel("Note (shown as text)")).ToHaveValueAsync(note);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        var written = page.Locator("#incident-timeline li[data-kind='note'] .note-text");
        await Expect(written).ToHaveTextAsync(note, new() { Timeout = Patience });
        await Expect(page.Locator("#incident-timeline b")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Note (shown as text)")).ToHaveValueAsync("");
        await page.Context.CloseAsync();
    }
}

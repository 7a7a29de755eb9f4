using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Incidents.Testing;
using Microsoft.Playwright;
using static Incidents.Console.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Console.Tests;

/// <summary>The admin page: suppressions, the escalation policy and its route tester, dead letters and drills; an analyst reads, refused in words.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AdminPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_admin_adds_edits_and_removes_a_suppression_and_an_analyst_reads_it_refused_in_words()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var rule = $"R-{run}";
        var page = await fixture.OpenSignedInAsync("/admin/suppressions", TestKeys.Admin);
        await Expect(page.Locator("#admin-role")).ToHaveAttributeAsync("data-role", "admin", new() { Timeout = Patience });
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Admin sections" }).GetByRole(AriaRole.Link, new() { Name = "Suppressions" }))
            .ToHaveAttributeAsync("aria-current", "page");

        // A bad address is the API's 400, shown beside the form with what was typed kept.
        var form = page.Locator("#suppression-form");
        await form.GetByLabel("Rule id").FillAsync(rule);
        await form.GetByLabel("Source address").FillAsync("10.1.0.0/33");
        await form.GetByLabel("Reason (required)").FillAsync($"backup job {run}");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add suppression" }).ClickAsync();
        await Expect(page.Locator("#suppression-error")).ToContainTextAsync("'source' is an address or a network", new() { Timeout = Patience });
        await Expect(form.GetByLabel("Source address")).ToHaveValueAsync("10.1.0.0/33");
        await Expect(form.GetByLabel("Rule id")).ToHaveValueAsync(rule);

        await form.GetByLabel("Source address").FillAsync("");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add suppression" }).ClickAsync();
        var row = page.Locator("#suppressions tbody tr", new() { HasText = rule });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Expect(row).ToContainTextAsync($"backup job {run}");
        await Expect(row).ToContainTextAsync("test-admin");
        await Expect(page.Locator("#suppression-error")).ToBeHiddenAsync();

        // Editing: the API has no update, so the page adds the changed one and removes the old one.
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Locator("#suppression-form-heading")).ToHaveTextAsync("Edit the suppression");
        await Expect(form.GetByLabel("Reason (required)")).ToHaveValueAsync($"backup job {run}");
        await form.GetByLabel("Host").FillAsync($"backup-{run}");
        await form.GetByLabel("Reason (required)").FillAsync($"nightly backup {run}, edited");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#suppression-status")).ToContainTextAsync("Suppression changed", new() { Timeout = Patience });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Expect(row).ToContainTextAsync($"nightly backup {run}, edited");
        await Expect(row).ToContainTextAsync($"host backup-{run}");
        await SaveScreenshotAsync(page, "console-admin-suppressions.png");

        // An analyst reads the same list, without the controls, and is told why.
        var analyst = await fixture.OpenSignedInAsync("/admin/suppressions");
        await Expect(analyst.Locator("#admin-role")).ToContainTextAsync("Only a tenant admin can change these", new() { Timeout = Patience });
        await Expect(analyst.Locator("#admin-suppressions")).ToContainTextAsync("Only a tenant admin can change these.");
        var seen = analyst.Locator("#suppressions tbody tr", new() { HasText = rule });
        await Expect(seen).ToContainTextAsync($"nightly backup {run}, edited", new() { Timeout = Patience });
        await Expect(seen.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(analyst.Locator("#suppression-form")).ToBeHiddenAsync();
        await analyst.GetByRole(AriaRole.Link, new() { Name = "Dead letters" }).ClickAsync();
        await Expect(analyst.Locator("#dead-letters-area")).ToContainTextAsync("Only a tenant admin can see and replay these.", new() { Timeout = Patience });
        await analyst.GetByRole(AriaRole.Link, new() { Name = "Escalation policy" }).ClickAsync();
        await Expect(analyst.Locator("#policy-routes")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(analyst.Locator("#policy-save")).ToBeHiddenAsync();
        await analyst.Context.CloseAsync();

        // Removing asks first.
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Yes, remove it" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Expect(page.Locator("#suppression-status")).ToContainTextAsync("Suppression removed");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_policy_editor_names_a_bad_level_keeps_the_text_and_the_route_tester_shows_the_team()
    {
        var page = await fixture.OpenSignedInAsync("/admin/policy", TestKeys.Admin);
        await Expect(page.Locator("#policy-routes li.route").First).ToBeVisibleAsync(new() { Timeout = Patience });
        var editor = page.GetByLabel("Policy (JSON)");
        await Expect(editor).Not.ToHaveValueAsync("", new() { Timeout = Patience });
        var policy = JsonNode.Parse(await editor.InputValueAsync())!.AsObject();

        // A second level no later than the first is named by its place; the text stays as typed.
        var bad = policy.DeepClone().AsObject();
        var levels = bad["routes"]![0]!["levels"]!.AsArray();
        levels[1]!["after"] = "00:00:00";
        var badText = bad.ToJsonString(new() { WriteIndented = true });
        await editor.FillAsync(badText);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        var error = page.Locator("#policy-error");
        await Expect(error).ToContainTextAsync("routes[0].levels[1].after", new() { Timeout = Patience });
        await Expect(error.Locator("li[data-place='routes[0].levels[1].after']")).ToContainTextAsync("later than the level before it");
        await Expect(editor).ToHaveValueAsync(badText);
        await error.ScrollIntoViewIfNeededAsync();
        await SaveScreenshotAsync(page, "console-admin-policy-problem.png");

        // Text that is not JSON is not sent.
        await editor.FillAsync("{ \"teams\": [");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Expect(error).ToContainTextAsync("not JSON");

        // The route tester: an exfiltration-like incident goes to its team under the policy in force…
        var tester = page.Locator("#route-test-form");
        await tester.GetByLabel("Categories").FillAsync("exfiltration");
        await tester.GetByLabel("ATT&CK tactics").FillAsync("TA0010");
        await tester.GetByLabel("Severity").SelectOptionAsync("high");
        await tester.GetByRole(AriaRole.Button, new() { Name = "Test the route" }).ClickAsync();
        await Expect(page.Locator("#route-team")).ToContainTextAsync("data-security", new() { Timeout = Patience });
        await Expect(page.Locator("#route-because")).Not.ToHaveTextAsync("—");

        // …and to another under a draft that sends it elsewhere, nothing saved.
        var draft = policy.DeepClone().AsObject();
        var exfiltration = draft["routes"]!.AsArray().First(r => r!["team"]!.GetValue<string>() == "data-security")!;
        exfiltration["team"] = "network";
        await editor.FillAsync(draft.ToJsonString(new() { WriteIndented = true }));
        await tester.GetByLabel("the draft in the editor").CheckAsync();
        await tester.GetByRole(AriaRole.Button, new() { Name = "Test the route" }).ClickAsync();
        await Expect(page.Locator("#route-team")).ToContainTextAsync("network", new() { Timeout = Patience });
        await page.Locator("#admin-route-test").ScrollIntoViewIfNeededAsync();
        await SaveScreenshotAsync(page, "console-admin-route-test.png");

        // Someone else changes the policy meanwhile (the same policy, a new version): saving is refused and it is read again.
        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var current = await admin.GetAsync("/api/v1/escalation/policy", TestContext.Current.CancellationToken);
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/escalation/policy"))
        {
            put.Content = new StringContent(await current.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), Encoding.UTF8, "application/json");
            put.Headers.IfMatch.Add(current.Headers.ETag!);
            Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(put, TestContext.Current.CancellationToken)).StatusCode);
        }

        await editor.FillAsync(policy.ToJsonString(new() { WriteIndented = true })); // what it was: harmless if it were saved
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Expect(error).ToContainTextAsync("Someone else changed the policy", new() { Timeout = Patience });
        await Expect(page.Locator("#policy-view")).ToContainTextAsync($"Version {((long)policy["version"]! + 1).ToString(CultureInfo.InvariantCulture)}", new() { Timeout = Patience });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dead_letters_and_webhooks_render_and_an_admin_starts_a_drill_and_reads_its_report()
    {
        var page = await fixture.OpenSignedInAsync("/admin/dead-letters", TestKeys.Admin);
        await Expect(page.Locator("#dead-letters")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(page.Locator("#webhooks")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(page.Locator("#admin-dead-letters")).Not.ToContainTextAsync("Only a tenant admin");

        // The sections are links: reachable with the keyboard.
        await page.GetByRole(AriaRole.Link, new() { Name = "Drills" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/drills$"));
        await page.GetByLabel("Scenario").SelectOptionAsync("exfiltration");
        await page.GetByLabel("Ends after (minutes)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the drill" }).ClickAsync();
        var heading = page.Locator("#drill-report-heading");
        await Expect(heading).ToHaveTextAsync(new Regex("^Drill [0-9a-f]{12}$"), new() { Timeout = Patience });
        var id = (await heading.TextContentAsync())!["Drill ".Length..];
        await Expect(page.Locator("#drill-stages")).ToContainTextAsync("posted");
        await Expect(page.Locator("#drills-started")).ToContainTextAsync(id);

        // Its stages arrive as the pipeline reaches them: the incident is opened and routed to the exfiltration team.
        await Expect(page.Locator("#drill-report dl.facts")).ToContainTextAsync("data-security", new() { Timeout = Patience });
        await Expect(page.Locator("#drill-stages")).ToContainTextAsync("opened", new() { Timeout = Patience });
        await SaveScreenshotAsync(page, "console-admin-drills.png");

        // An analyst cannot start one, but reads its report by id.
        var analyst = await fixture.OpenSignedInAsync("/admin/drills");
        await Expect(analyst.Locator("#admin-drills")).ToContainTextAsync("Only a tenant admin can start or end a drill.", new() { Timeout = Patience });
        await Expect(analyst.Locator("#drill-form")).ToBeHiddenAsync();
        await analyst.GetByLabel("Drill id").FillAsync(id);
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Show its report" }).ClickAsync();
        await Expect(analyst.Locator("#drill-report-heading")).ToHaveTextAsync($"Drill {id}", new() { Timeout = Patience });
        await Expect(analyst.Locator("#drill-end")).ToBeHiddenAsync();
        await analyst.Context.CloseAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "End the drill now" }).ClickAsync();
        await Expect(page.Locator("#drill-report dl.facts")).ToContainTextAsync("ended", new() { Timeout = Patience });
        await page.Context.CloseAsync();
    }
}

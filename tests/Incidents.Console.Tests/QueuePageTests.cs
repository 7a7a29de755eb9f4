using System.Text.RegularExpressions;
using Incidents.Testing;
using Microsoft.Playwright;
using static Incidents.Console.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Console.Tests;

/// <summary>The console in Chromium against the real system: sign-in, the queue, the live feed, the CSP.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class QueuePageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_wrong_key_is_refused_with_a_message_and_the_analyst_key_shows_the_queue()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByLabel("API key or token").FillAsync("inc_not_a_key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("That key was not accepted", new() { Timeout = Patience });
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('incidents.apiKey')"));

        await SignInAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queue" })).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(TestKeys.Analyst, await page.EvaluateAsync<string?>("() => sessionStorage.getItem('incidents.apiKey')"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("API key or token")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('incidents.apiKey')"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_alert_posted_through_the_API_appears_in_the_queue_without_a_reload()
    {
        var page = await fixture.NewPageAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        await page.GotoAsync("/");
        await SignInAsync(page);
        await Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = Patience });
        var loaded = navigations;

        // Attacker-controlled text: it must show as text, never become markup.
        var run = Guid.NewGuid().ToString("N")[..8];
        var title = $"Credential dumping {run} <img src=x id=injected-{run}>";
        await fixture.PostAlertsAsync(NativeAlert($"console-{run}", title));

        var row = page.Locator("#queue tbody tr", new() { HasText = run });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Expect(row.Locator("td.title")).ToContainTextAsync(title);
        await Expect(row).ToContainTextAsync($"console-{run}");
        await Expect(page.Locator($"#injected-{run}")).ToHaveCountAsync(0);
        Assert.Equal(loaded, navigations);

        await Expect(page.Locator("#queue-empty")).ToBeHiddenAsync();
        await SaveScreenshotAsync(page, "console-queue.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_page_loads_and_goes_live_with_no_content_security_policy_violation()
    {
        var page = await fixture.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };

        var response = await page.GotoAsync("/");
        Assert.NotNull(response);
        Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
        await SignInAsync(page);
        await Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = Patience });
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Incident queue, most urgent first" })).ToBeVisibleAsync();

        lock (errors)
        {
            Assert.Empty(errors);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_filters_narrow_the_queue_stay_in_the_address_and_the_title_opens_the_incident()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await fixture.PostAlertsAsync(
            NativeAlert($"filter-a-{run}", $"Mimikatz {run} on a", user: $"ua-{run}"),
            NativeAlert($"filter-b-{run}", $"Mimikatz {run} on b", severity: "medium", user: $"ub-{run}"));
        var page = await fixture.OpenSignedInAsync();
        var rows = page.Locator("#queue tbody tr", new() { HasText = run });
        await Expect(rows).ToHaveCountAsync(2, new() { Timeout = Patience });

        await page.GetByLabel("Host").FillAsync($"filter-a-{run}");
        await Expect(rows).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Expect(rows).ToContainTextAsync($"filter-a-{run}");
        Assert.Contains($"host=filter-a-{run}", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("Host").FillAsync("");
        await page.GetByLabel("Severity").SelectOptionAsync("high");
        await Expect(rows).ToHaveCountAsync(1, new() { Timeout = Patience });
        await page.GetByLabel("Search").FillAsync($"no-such-{run}");
        await Expect(page.Locator("#queue-empty")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(page.Locator("#queue-empty")).ToHaveTextAsync("No incidents match these filters.");
        await Expect(page).ToHaveURLAsync(new Regex($"q=no-such-{run}"));

        // A reload keeps the filters: they are in the address.
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Search")).ToHaveValueAsync($"no-such-{run}", new() { Timeout = Patience });
        await Expect(page.GetByLabel("Severity")).ToHaveValueAsync("high");

        await page.GetByLabel("Search").FillAsync(run);
        await Expect(rows).ToHaveCountAsync(1, new() { Timeout = Patience });
        await rows.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/incidents/[^/]+$"), new() { Timeout = Patience });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_token_from_the_identity_provider_signs_in_as_a_key_does_and_travels_in_a_header()
    {
        var page = await fixture.NewPageAsync();
        var seen = new List<(string Url, string? Authorization)>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/v1/", StringComparison.Ordinal) && !request.Url.Contains("/api/v1/console/sign-in", StringComparison.Ordinal))
            {
                lock (seen)
                {
                    seen.Add((request.Url, request.Headers.TryGetValue("authorization", out var value) ? value : null));
                }
            }
        };
        await page.GotoAsync("/");
        var token = TestTokens.Create("ana@example.com", ["analyst"], "default");
        await SignInAsync(page, token);
        lock (seen)
        {
            Assert.NotEmpty(seen);
            Assert.All(seen, r => Assert.Equal($"Bearer {token}", r.Authorization));
            Assert.All(seen, r => Assert.DoesNotContain(token.Split('.')[1], r.Url, StringComparison.Ordinal));
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_in_and_opening_an_incident_need_only_the_keyboard()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await fixture.PostAlertsAsync(NativeAlert($"keys-{run}", $"Keyboard {run}", severity: "critical", user: $"k-{run}"));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/?q={run}");
        await Expect(page.GetByLabel("API key or token")).ToBeFocusedAsync(new() { Timeout = Patience });
        await page.Keyboard.TypeAsync(TestKeys.Analyst);
        await page.Keyboard.PressAsync("Enter");
        var link = page.Locator("#queue tbody tr", new() { HasText = run }).GetByRole(AriaRole.Link);
        await Expect(link).ToHaveCountAsync(1, new() { Timeout = Patience });

        // Tab from the top of the page until the incident's link has the focus: every control on the way is reachable.
        await page.Locator("body").FocusAsync();
        for (var presses = 0; presses < 40 && !await link.EvaluateAsync<bool>("a => a === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(link).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/incidents/[^/]+$"), new() { Timeout = Patience });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_live_update_changes_its_row_in_place_the_same_element_at_the_same_height_keeping_the_focus()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var host = $"steady-{run}";
        await fixture.PostAlertsAsync(NativeAlert(host, $"Steady {run}", user: $"s-{run}"));
        var page = await fixture.OpenSignedInAsync($"/?q={run}");
        await Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = Patience });
        var row = page.Locator("#queue tbody tr", new() { HasText = run });
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("1", new() { Timeout = Patience });
        await row.EvaluateAsync("r => { r.dataset.marked = 'yes'; }");
        var before = await row.BoundingBoxAsync();
        var link = row.GetByRole(AriaRole.Link);
        await link.FocusAsync(); // an analyst tabbing through the queue keeps the focus through an update

        await fixture.PostAlertsAsync(NativeAlert(host, $"Steady {run} again", user: $"s-{run}"));
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("2", new() { Timeout = Patience });
        Assert.Equal("yes", await row.GetAttributeAsync("data-marked")); // the same element, updated, not a new row
        var after = await row.BoundingBoxAsync();
        Assert.Equal(before!.Y, after!.Y);
        Assert.Equal(before.Height, after.Height);
        await Expect(link).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Incidents.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Console.Tests;

/// <summary>The console in Chromium against the real system: sign-in, the queue, the live feed, the CSP.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class QueuePageTests(ConsoleFixture fixture)
{
    /// <summary>Generous: the feed's shards long-poll, and the tests share two cores with a silo, the API and Azurite.</summary>
    private static readonly float Patience = 30_000;

    [Fact]
    public async Task A_wrong_key_is_refused_with_a_message_and_the_analyst_key_shows_the_queue()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByLabel("API key").FillAsync("inc_not_a_key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("That key was not accepted", new() { Timeout = Patience });
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('incidents.apiKey')"));

        await SignInAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queue" })).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(TestKeys.Analyst, await page.EvaluateAsync<string?>("() => sessionStorage.getItem('incidents.apiKey')"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('incidents.apiKey')"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_alert_posted_through_the_API_appears_in_the_queue_without_a_reload()
    {
        var ct = TestContext.Current.CancellationToken;
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
        var alert = NativeAlert($"console-{run}", title);
        var accepted = await fixture.Ingest.PostAsync("/api/v1/alerts",
            new StringContent(new JsonArray(alert).ToJsonString(), Encoding.UTF8, "application/json"), ct);
        Assert.True(accepted.IsSuccessStatusCode, $"ingest answered {(int)accepted.StatusCode}");

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

    private static async Task SignInAsync(IPage page)
    {
        await page.GetByLabel("API key").FillAsync(TestKeys.Analyst);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#queue")).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    /// <summary>Kept with the test's output, as an artifact (the README's copy is docs/console-queue.png).</summary>
    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var bytes = await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = false });
        TestContext.Current.AddAttachment(name, bytes, "image/png");
    }

    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static int _sequence;

    /// <summary>A native alert, as the API tests post them (Json.NativeAlert there).</summary>
    private static JsonObject NativeAlert(string host, string title) => new()
    {
        ["source"] = "edr-test",
        ["sourceId"] = Guid.NewGuid().ToString("N"),
        ["time"] = Start.AddMilliseconds(Interlocked.Increment(ref _sequence)).ToString("O", CultureInfo.InvariantCulture),
        ["title"] = title,
        ["ruleId"] = "R-1",
        ["severity"] = "high",
        ["technique"] = "T1003.001",
        ["host"] = host,
        ["user"] = "alice",
    };
}

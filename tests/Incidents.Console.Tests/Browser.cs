using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Incidents.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Console.Tests;

/// <summary>What the console's tests do again and again: sign in, post alerts, keep a screenshot.</summary>
internal static class Browser
{
    /// <summary>Generous: the feed's shards long-poll, and the tests share two cores with a silo, the API and Azurite.</summary>
    public const float Patience = 30_000;

    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static int _sequence;

    /// <summary>Signs in with a key (the analyst's unless told) and waits for the queue.</summary>
    public static async Task SignInAsync(IPage page, string key = TestKeys.Analyst)
    {
        await page.GetByLabel("API key or token").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("#queue")).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    /// <summary>Opens the console at a path, signed in.</summary>
    public static async Task<IPage> OpenSignedInAsync(this ConsoleFixture fixture, string path = "/", string key = TestKeys.Analyst)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await SignInAsync(page, key);
        if (path != "/")
        {
            await page.GotoAsync(path);
        }

        return page;
    }

    /// <summary>Kept with the test's output, as an artifact (the README's copies are in docs/).</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var bytes = await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = false });
        TestContext.Current.AddAttachment(name, bytes, "image/png");
    }

    /// <summary>A native alert, as the API tests post them; each a millisecond after the one before.</summary>
    public static JsonObject NativeAlert(string host, string title, string severity = "high", string technique = "T1003.001", string user = "alice") => new()
    {
        ["source"] = "edr-test",
        ["sourceId"] = Guid.NewGuid().ToString("N"),
        ["time"] = Start.AddMilliseconds(Interlocked.Increment(ref _sequence)).ToString("O", CultureInfo.InvariantCulture),
        ["title"] = title,
        ["ruleId"] = "R-1",
        ["severity"] = severity,
        ["technique"] = technique,
        ["host"] = host,
        ["user"] = user,
    };

    /// <summary>Posts alerts through the front door as an ingesting client does, and insists they were taken.</summary>
    public static async Task PostAlertsAsync(this ConsoleFixture fixture, params JsonObject[] alerts)
    {
        var answer = await fixture.Ingest.PostAsync("/api/v1/alerts",
            new StringContent(new JsonArray([.. alerts]).ToJsonString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(answer.IsSuccessStatusCode, $"ingest answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
    }

    /// <summary>The incident a host is in, once correlation has opened it.</summary>
    public static async Task<string> IncidentOfAsync(this ConsoleFixture fixture, string host)
    {
        using var analyst = fixture.System.CreateClient(TestKeys.Analyst);
        var id = await Poll.Until(
            async () =>
            {
                var answer = await analyst.GetAsync($"/api/v1/hosts/{host}", TestContext.Current.CancellationToken);
                return answer.IsSuccessStatusCode
                    ? (await answer.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))?["openIncidentId"]?.GetValue<string>()
                    : null;
            },
            found => found is not null);
        return id ?? throw new InvalidOperationException($"No incident opened for {host} in 30 s.");
    }
}

using Incidents.Testing;
using Microsoft.Playwright;
using static Incidents.Console.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Console.Tests;

/// <summary>Every page reads at the two sizes analysts use: nothing wider than the window, no script errors.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LayoutTests(ConsoleFixture fixture)
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1920, 1080)]
    public async Task Every_page_fits_the_window_s_width_with_no_script_error(int width, int height)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var host = $"layout-{run}";
        await fixture.PostAlertsAsync(NativeAlert(host, $"Layout {run} with a long title that an analyst would still want to read in full", user: $"l-{run}"));
        var incident = await fixture.IncidentOfAsync(host);

        var page = await fixture.OpenSignedInAsync("/", TestKeys.Admin);
        await page.SetViewportSizeAsync(width, height);
        var errors = new List<string>();
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };

        foreach (var (path, ready) in new[]
                 {
                     ("/", "#queue"),
                     ($"/incidents/{incident}", "h1"),
                     ($"/hosts/{host}", "#host-alerts"),
                     ($"/users/l-{run}", "#user-incidents"),
                     ("/metrics", "figure"),
                     ("/admin/suppressions", "#admin-body"),
                     ("/admin/policy", "#admin-body"),
                     ("/admin/dead-letters", "#admin-body"),
                     ("/admin/drills", "#admin-body"),
                 })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = Patience });
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            var (scrollWidth, innerWidth) = (widths[0], widths[1]);
            Assert.True(scrollWidth <= innerWidth, $"{path} at {width}×{height} is {scrollWidth} px wide in a {innerWidth} px window");
        }

        lock (errors)
        {
            Assert.Empty(errors);
        }

        await page.Context.CloseAsync();
    }
}

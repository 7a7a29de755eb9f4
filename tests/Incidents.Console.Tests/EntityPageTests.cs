using Microsoft.Playwright;
using static Incidents.Console.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Console.Tests;

/// <summary>The host and user pages: what their grains know, linked to each other and to their incidents.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class EntityPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_host_page_shows_its_open_incident_and_alerts_and_leads_to_its_user_and_back()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var host = $"entity-{run}";
        var user = $"bob-{run}";
        await fixture.PostAlertsAsync(NativeAlert(host, $"Credential dumping {run}", user: user));
        var incident = await fixture.IncidentOfAsync(host);

        var page = await fixture.OpenSignedInAsync($"/hosts/{host}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Host {host}" })).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(incident, new() { Timeout = Patience });
        await Expect(page.Locator("#host-alerts")).ToContainTextAsync($"Credential dumping {run}");
        await Expect(page.Locator("#host-incidents")).ToContainTextAsync($"Credential dumping {run}");

        // The user's grain learns of accounts from sign-in events, not alerts: its page still lists the incidents naming it.
        await page.Locator("#host-alerts").GetByRole(AriaRole.Link, new() { Name = user }).ClickAsync();
        await Expect(page.Locator("#user-incidents")).ToContainTextAsync($"Credential dumping {run}", new() { Timeout = Patience });
        await page.Locator("#user-incidents").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page).ToHaveURLAsync($"{fixture.BaseAddress}incidents/{incident}", new() { Timeout = Patience });
        await page.GoBackAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"User {user}" })).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("No sign-in event has named this account");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_host_says_so_in_words()
    {
        var page = await fixture.OpenSignedInAsync($"/hosts/never-seen-{Guid.NewGuid():N}");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No alert has named this host", new() { Timeout = Patience });
        await page.Context.CloseAsync();
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Incidents.Testing;
using Microsoft.Playwright;
using static Incidents.Console.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Console.Tests;

/// <summary>The response metrics page: SVG charts drawn by the page from the API's figures, and an empty state in words.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class MetricsPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_metrics_page_draws_its_charts_once_an_incident_is_acknowledged_and_resolved()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        var host = $"metrics-{run}";
        var alert = NativeAlert(host, $"Credential dumping {run}");
        alert["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture); // counted today, by its own time too
        using var analyst = fixture.System.CreateClient(TestKeys.Analyst);
        var before = await FiguresAsync(analyst, ct);

        await fixture.PostAlertsAsync(alert);
        var incident = await fixture.IncidentOfAsync(host);
        var acknowledged = await analyst.PostAsync($"/api/v1/incidents/{incident}/acknowledge", null, ct);
        Assert.True(acknowledged.StatusCode == HttpStatusCode.OK, $"acknowledge: {(int)acknowledged.StatusCode} {await acknowledged.Content.ReadAsStringAsync(ct)}");
        var resolved = await analyst.PostAsync($"/api/v1/incidents/{incident}/status",
            new StringContent("""{"status":"resolved","reason":"test of the metrics page","classification":"truePositive"}""", Encoding.UTF8, "application/json"), ct);
        Assert.True(resolved.StatusCode == HttpStatusCode.OK, $"resolve: {(int)resolved.StatusCode} {await resolved.Content.ReadAsStringAsync(ct)}");

        // The figures are told one-way: wait until they count this incident before the page reads them.
        await Poll.Until(() => FiguresAsync(analyst, ct),
            now => now.Acknowledged > before.Acknowledged && now.Resolved > before.Resolved && now.OpenedToday > before.OpenedToday,
            TimeSpan.FromSeconds(Patience / 1000));

        var page = await fixture.OpenSignedInAsync("/metrics");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Response metrics", Level = 1 })).ToBeVisibleAsync(new() { Timeout = Patience });

        var acknowledge = page.Locator("#chart-acknowledge");
        await Expect(acknowledge.Locator("figcaption")).ToContainTextAsync("Time to acknowledge", new() { Timeout = Patience });
        await Expect(acknowledge.Locator("svg[role=img] [data-series=p50] circle").First).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Contains("Time to acknowledge", await acknowledge.Locator("svg").GetAttributeAsync("aria-label") ?? "", StringComparison.Ordinal);
        await Expect(acknowledge.Locator("svg .axis-y text").First).ToHaveTextAsync(new Regex(@"\d+ (ms|s|min|h|d)$"));

        await Expect(page.Locator("#chart-times svg [data-series=p90] rect.mark-bar").First).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-resolve svg [data-series]").First).ToBeAttachedAsync();
        await Expect(page.Locator("#chart-daily svg [data-series=acknowledged] rect.mark-bar").First).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-alerts-per-incident svg [data-series] rect.mark-bar").First).ToBeAttachedAsync();
        Assert.True(await page.Locator("figure.chart-figure svg[role=img]").CountAsync() >= 5);
        Assert.True(await page.Locator("figure.chart-figure figcaption").CountAsync() >= 10);
        await Expect(page.Locator("#metrics-breaches")).ToContainTextAsync("deadline");
        await SaveScreenshotAsync(page, "console-metrics.png");

        // The period is the address's: 30 days reads again, and a reload keeps it.
        await page.GetByRole(AriaRole.Group, new() { Name = "Period" }).GetByRole(AriaRole.Button, new() { Name = "30 days" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/metrics\?days=30$"));
        await Expect(page.Locator("#metrics-status")).ToContainTextAsync("the last 30 days", new() { Timeout = Patience });
        await Expect(page.Locator("#chart-acknowledge svg [data-series=p90] circle").First).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "30 days" })).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Patience });

        // The team chart follows its measure.
        await page.GetByLabel("Measure").SelectOptionAsync("resolve");
        await Expect(page.Locator("#chart-teams figcaption")).ToContainTextAsync("Time to resolve");
        await Expect(page.Locator("#chart-teams svg [data-series=p50] rect.mark-bar").First).ToBeVisibleAsync(new() { Timeout = Patience });

        await page.SetViewportSizeAsync(1920, 1080);
        await SaveScreenshotAsync(page, "console-metrics-1920.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_tenant_with_no_figures_yet_sees_each_chart_say_so()
    {
        var ct = TestContext.Current.CancellationToken;
        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        var tenant = $"metrics-{Guid.NewGuid():N}"[..16];
        var created = await installation.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "Metrics, empty", id = tenant }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await installation.PostAsJsonAsync("/api/v1/admin/keys", new { tenantId = tenant, role = "analyst" }, ct);
        var key = (string)(await issued.Content.ReadFromJsonAsync<JsonObject>(ct))!["key"]!;

        var page = await fixture.OpenSignedInAsync("/metrics", key);
        await Expect(page.Locator("#chart-acknowledge")).ToContainTextAsync("No incidents acknowledged yet in this period.", new() { Timeout = Patience });
        await Expect(page.Locator("#chart-resolve")).ToContainTextAsync("No incidents resolved yet in this period.");
        await Expect(page.Locator("#chart-breaches")).ToContainTextAsync("No incident breached its acknowledgement deadline");
        await Expect(page.Locator("figure.chart-figure svg")).ToHaveCountAsync(0);
        await Expect(page.Locator("#breach-total")).ToHaveTextAsync("0");
        await page.Context.CloseAsync();
    }

    /// <summary>Incidents acknowledged and resolved in the last 7 days, and opened today by their alerts' time (triage's figures).</summary>
    private static async Task<(long Acknowledged, long Resolved, long OpenedToday)> FiguresAsync(HttpClient analyst, CancellationToken ct)
    {
        var report = await analyst.GetFromJsonAsync<JsonObject>("/api/v1/metrics/response", ct);
        var triage = await analyst.GetFromJsonAsync<JsonObject>("/api/v1/metrics/triage", ct);
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var opened = triage!["perDay"]!.AsArray().Where(d => ((string)d!["day"]!).StartsWith(today, StringComparison.Ordinal)).Sum(d => (long)d!["incidentsOpened"]!);
        return ((long)report!["measures"]!["acknowledge"]!["count"]!, (long)report["measures"]!["resolve"]!["count"]!, opened);
    }
}

using Incidents.Testing;
using Microsoft.Playwright;

namespace Incidents.Console.Tests;

/// <summary>One silo and the API as processes on a real Azurite, and one headless Chromium, shared by the console's tests.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium: Playwright's own browser download does not work on these machines.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public IncidentsSystem System { get; private set; } = null!;

    public HttpClient Ingest { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IdentityProvider IdentityProvider { get; private set; } = null!;

    private IPlaywright? _playwright;

    public Uri BaseAddress => System.Api.BaseAddress;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The console's tests need Chromium at {ChromiumPath} (apt-get install -y chromium; .ci/run installs it).");
        }

        // Bearer sign-in configured as an operator would (an issuer of the tests' own), beside API keys, and the console
        // pointed at an identity provider of the tests' own.
        IdentityProvider = new IdentityProvider();
        System = await IncidentsSystem.StartAsync(apiSettings: TestTokens.Environment().Concat(IdentityProvider.Environment()).ToDictionary());
        Ingest = System.CreateClient(TestKeys.Ingest);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh browser context (its own sessionStorage) at 1280×800, the smaller size the console must read at.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Ingest?.Dispose();
        if (System is not null)
        {
            await System.DisposeAsync();
        }

        if (IdentityProvider is not null)
        {
            await IdentityProvider.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}

using Microsoft.Playwright;
using static Incidents.Console.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Incidents.Console.Tests;

/// <summary>Signing in through the organisation's identity provider: authorization code with PKCE, the token kept as a key is.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Signing_in_with_the_identity_provider_lands_where_the_analyst_was_going_with_no_code_left_in_the_address()
    {
        var page = await fixture.NewPageAsync();
        var before = fixture.IdentityProvider.TokensIssued;
        await page.GotoAsync("/metrics");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation" }).ClickAsync(new() { Timeout = Patience });

        await Expect(page).ToHaveURLAsync($"{fixture.BaseAddress}metrics", new() { Timeout = Patience });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(before + 1, fixture.IdentityProvider.TokensIssued);
        var stored = await page.EvaluateAsync<string?>("() => sessionStorage.getItem('incidents.apiKey')");
        Assert.NotNull(stored);
        Assert.Equal(3, stored.Split('.').Length); // the provider's token, kept for the tab as a key is
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('incidents.signIn')"));
        Assert.DoesNotContain("code=", await page.EvaluateAsync<string>("() => history.length > 0 ? location.href : ''"), StringComparison.Ordinal);

        // The token reads the queue as an analyst's key does.
        await page.GotoAsync("/");
        await Expect(page.Locator("#queue")).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_return_this_tab_did_not_start_is_refused_in_words_and_signs_no_one_in()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signed-in?code=stolen&state=forged");
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("This sign-in was not started from this tab", new() { Timeout = Patience });
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('incidents.apiKey')"));
        await Expect(page).ToHaveURLAsync(fixture.BaseAddress.ToString());
        await page.Context.CloseAsync();
    }
}

namespace Incidents.Api.Security;

/// <summary>
/// What the console needs to send an analyst to the identity provider: nothing secret (a public client uses PKCE, not a
/// client secret), so it is answered without a key, as the page's own files are.
/// </summary>
public static class ConsoleSignInEndpoints
{
    /// <summary>The provider to sign in through; all null when the console offers keys and pasted tokens only.</summary>
    public sealed record ConsoleSignIn(string? Authority, string? ClientId, string? Scope);

    public static IEndpointRouteBuilder MapConsoleSignInEndpoints(this IEndpointRouteBuilder routes)
    {
        var bearer = BearerOptions.From(routes.ServiceProvider.GetRequiredService<IConfiguration>());
        var authority = bearer.ConsoleAuthority(); // a bad setting stops the API at start, not the first sign-in
        var answer = authority is null
            ? new ConsoleSignIn(null, null, null)
            : new ConsoleSignIn(authority.ToString().TrimEnd('/'), bearer.ConsoleClientId, bearer.ConsoleScope);
        routes.MapGet("/api/v1/console/sign-in", () => TypedResults.Ok(answer))
            .AllowAnonymous()
            .WithTags("Console")
            .WithSummary("How the console signs analysts in through the identity provider (authorization code with PKCE); nulls when it does not.");
        return routes;
    }
}

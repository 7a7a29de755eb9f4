using System.Security.Claims;
using System.Text.Encodings.Web;
using Incidents.Contracts.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Security;

/// <summary>
/// Authenticates <c>X-Api-Key</c>: the key's name, tenant and role become the caller's claims. Configured keys are
/// looked up in memory; issued keys ask their grain on every request, so that a revocation or an expiry holds at once on
/// every instance (one grain call, where the key's state is in memory). A made-up id costs no grain of its own
/// (<see cref="KnownKeyIds"/>), and an address that keeps failing is answered 429 (<see cref="FailedSignIns"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    KnownKeyIds knownIds,
    FailedSignIns failures,
    IClusterClient cluster,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    private const string Throttled = "Incidents.SignInThrottled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress ?? System.Net.IPAddress.None;
        if (values.Count > 1)
        {
            return Failed(address);
        }

        var secret = values[0]!;
        var hash = ApiKeyStore.Hash(secret);
        if (keys.Find(hash) is { } configured)
        {
            return Success(configured.Name, configured.Role, configured.Tenant, keyId: null);
        }

        if (!IssuedKeys.TryGetId(secret, out var id))
        {
            return Failed(address);
        }

        if (!knownIds.IsKnown(id) && !failures.Allows(address))
        {
            Context.Items[Throttled] = true;
            return AuthenticateResult.Fail("Too many failed sign-ins from this address.");
        }

        if (await knownIds.Exists(id)
            && await cluster.GetGrain<IApiKeyGrain>(id).Check(hash) is { } issued
            && issued.IsValidAt(time.GetUtcNow()))
        {
            return Success(issued.Name is { Length: > 0 } name ? $"{name} ({issued.Id})" : issued.Id, issued.Role, issued.TenantId, issued.Id);
        }

        return Failed(address);
    }

    private AuthenticateResult Failed(System.Net.IPAddress address)
    {
        failures.Record(address);
        return AuthenticateResult.Fail("Unknown API key.");
    }

    private static AuthenticateResult Success(string name, string role, string tenant, string? keyId)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, name),
                new Claim(ClaimTypes.Role, role),
                new Claim(Roles.TenantClaim, tenant),
                .. keyId is null ? Array.Empty<Claim>() : [new Claim(Roles.KeyIdClaim, keyId)],
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(Throttled))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "1";
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many failed sign-ins",
                detail: "This address sent too many unknown keys; retry after the given delay with a valid key.").ExecuteAsync(Context);
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "An API key is needed",
            detail: $"Send a valid key in the {Header} header.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "This key's role may not do that",
            detail: "The key is valid, but its role does not allow this request.").ExecuteAsync(Context);
    }
}

namespace Incidents.Api.Security;

/// <summary>
/// Sign-in with OpenID Connect bearer tokens (<c>Incidents:Jwt</c>), beside API keys: for analysts signing in through
/// the organisation's identity provider. Off unless <see cref="Authority"/> or <see cref="SigningKey"/> is set.
/// </summary>
public sealed class BearerOptions
{
    public const string Section = "Incidents:Jwt";

    /// <summary>The identity provider (its <c>/.well-known/openid-configuration</c> gives issuer and signing keys).</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be for.</summary>
    public string? Audience { get; set; }

    /// <summary>Without an authority: the issuer tokens must name, with <see cref="SigningKey"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>Without an authority: a base64 HMAC-SHA256 key of at least 32 bytes (an issuer of one's own; tests).</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim holding the caller's roles (<c>analyst</c>, <c>admin</c>, ...), as the provider names it.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim holding the caller's tenant id. A token without it is refused, unless <see cref="DefaultTenant"/> is set.</summary>
    public string TenantClaim { get; set; } = "tenant";

    /// <summary>For a single organisation: the tenant of tokens that name none.</summary>
    public string? DefaultTenant { get; set; }

    public string NameClaim { get; set; } = "preferred_username";

    public bool Enabled => !string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(SigningKey);

    /// <summary>The settings as configured, or the defaults (off) when the section is absent.</summary>
    public static BearerOptions From(IConfiguration configuration) => configuration.GetSection(Section).Get<BearerOptions>() ?? new BearerOptions();

    /// <summary>
    /// The console's client id at the identity provider (a public client: authorization code with PKCE, redirect URI
    /// <c>{the API's origin}/signed-in</c>). Unset, the console signs in with keys and pasted tokens only.
    /// </summary>
    public string? ConsoleClientId { get; set; }

    /// <summary>Where the console sends analysts to sign in; <see cref="Authority"/> unless set.</summary>
    public string? SignInAuthority { get; set; }

    /// <summary>The scopes the console asks for: those that make the provider issue a token for <see cref="Audience"/>.</summary>
    public string ConsoleScope { get; set; } = "openid profile";

    /// <summary>The identity provider the console signs in through, or null when it offers no such sign-in.</summary>
    public Uri? ConsoleAuthority()
    {
        var authority = string.IsNullOrEmpty(SignInAuthority) ? Authority : SignInAuthority;
        if (string.IsNullOrEmpty(ConsoleClientId) || string.IsNullOrEmpty(authority))
        {
            return null;
        }

        // https, or http to this machine (a provider run locally, the tests' own): a token must not cross a network in clear.
        return Uri.TryCreate(authority, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? uri
            : throw new InvalidOperationException(
                $"{Section}:SignInAuthority (or Authority) must be an absolute https URL for the console's sign-in; '{authority}' is not.");
    }
}

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
}

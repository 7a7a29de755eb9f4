using System.Security.Claims;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Incidents.Api.Security;

public static class SecurityExtensions
{
    /// <summary>Picks, per request, an API key (<c>X-Api-Key</c>) or a bearer token (<c>Authorization: Bearer</c>).</summary>
    public const string KeyOrBearer = "KeyOrBearer";

    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>()
            .Bind(configuration.GetSection(ApiKeyOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidation>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<KnownKeyIds>();

        var bearer = BearerOptions.From(configuration);
        var authentication = services.AddAuthentication(KeyOrBearer)
            .AddPolicyScheme(KeyOrBearer, "API key or bearer token", o => o.ForwardDefaultSelector = context =>
                bearer.Enabled && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (bearer.Enabled)
        {
            authentication.AddJwtBearer(o => ConfigureBearer(o, bearer));
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Ingest, p => p.RequireRole(Roles.Ingest, Roles.Admin, Roles.InstallationAdmin))
            .AddPolicy(Roles.Analyst, p => p.RequireRole(Roles.Analyst, Roles.Admin, Roles.InstallationAdmin))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin, Roles.InstallationAdmin))
            .AddPolicy(Roles.InstallationAdmin, p => p.RequireRole(Roles.InstallationAdmin));
        return services;
    }

    private static void ConfigureBearer(JwtBearerOptions o, BearerOptions bearer)
    {
        o.Authority = bearer.Authority;
        o.Audience = bearer.Audience;
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            RoleClaimType = bearer.RoleClaim,
            NameClaimType = bearer.NameClaim,
            ValidateAudience = !string.IsNullOrEmpty(bearer.Audience),
            ValidAudience = bearer.Audience,
            ValidateIssuer = true,
            ValidIssuer = bearer.Issuer,
            IssuerSigningKey = string.IsNullOrEmpty(bearer.SigningKey) ? null : new SymmetricSecurityKey(Convert.FromBase64String(bearer.SigningKey)),
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                // The tenant comes from the configured claim only: a "tenant" claim under another name is not trusted.
                var tenant = context.Principal?.FindFirstValue(bearer.TenantClaim) ?? bearer.DefaultTenant;
                if (tenant is null || !TenantIds.IsValid(tenant))
                {
                    context.Fail($"The token names no tenant in its '{bearer.TenantClaim}' claim.");
                    return Task.CompletedTask;
                }

                var identity = new ClaimsIdentity(
                    context.Principal!.Claims.Where(c => c.Type != Roles.TenantClaim || bearer.TenantClaim == Roles.TenantClaim),
                    JwtBearerDefaults.AuthenticationScheme, bearer.NameClaim, bearer.RoleClaim);
                if (bearer.TenantClaim != Roles.TenantClaim || identity.FindFirst(Roles.TenantClaim) is null)
                {
                    identity.AddClaim(new Claim(Roles.TenantClaim, tenant));
                }

                context.Principal = new ClaimsPrincipal(identity);
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid bearer token is needed",
                    detail: "The token is missing, expired, not signed by the configured issuer, or names no tenant.").ExecuteAsync(context.HttpContext);
            },
            OnForbidden = async context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role may not do that",
                    detail: $"The token is valid, but its '{bearer.RoleClaim}' claim does not allow this request.").ExecuteAsync(context.HttpContext);
            },
        };
    }

    /// <summary>
    /// Who did it, for the audit log and an incident's timeline: the key's name (configured keys) or id (issued keys),
    /// the token's user name, else its subject.
    /// </summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";

    /// <summary>The caller's tenant; every grain key the API builds starts with it. Sign-in admits valid tenant ids only.</summary>
    public static string Tenant(this ClaimsPrincipal user) =>
        TenantIds.Checked(user.FindFirstValue(Roles.TenantClaim) ?? TenantScoped.DefaultTenant);
}

using System.Security.Claims;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Authentication;

namespace Incidents.Api.Security;

public static class SecurityExtensions
{
    public static IServiceCollection AddApiKeySecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>()
            .Bind(configuration.GetSection(ApiKeyOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidation>();
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Ingest, p => p.RequireRole(Roles.Ingest, Roles.Admin, Roles.InstallationAdmin))
            .AddPolicy(Roles.Analyst, p => p.RequireRole(Roles.Analyst, Roles.Admin, Roles.InstallationAdmin))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin, Roles.InstallationAdmin))
            .AddPolicy(Roles.InstallationAdmin, p => p.RequireRole(Roles.InstallationAdmin));
        return services;
    }

    /// <summary>Who did it, for the audit log: the key's name (configured keys) or id (issued keys).</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    /// <summary>The caller's tenant; every grain key the API builds starts with it.</summary>
    public static string Tenant(this ClaimsPrincipal user) =>
        user.FindFirstValue(Roles.TenantClaim) ?? TenantScoped.DefaultTenant;
}

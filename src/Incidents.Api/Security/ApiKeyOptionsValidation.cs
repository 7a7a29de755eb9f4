using Incidents.Contracts.Tenants;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Security;

/// <summary>The API refuses to start with no keys, or with a key it could never match.</summary>
public sealed class ApiKeyOptionsValidation : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        if (options.Keys.Count == 0)
        {
            return ValidateOptionsResult.Fail(
                $"No API keys are configured. Configure '{ApiKeyOptions.Section}:Keys' (name, tenant, role, sha256); see README, Security.");
        }

        var failures = new List<string>();
        foreach (var key in options.Keys)
        {
            if (!Roles.All.Contains(key.Role))
            {
                failures.Add($"API key '{key.Name}' has role '{key.Role}'; roles are {string.Join(", ", Roles.All)}.");
            }

            if (key.Sha256.Length != 64 || !key.Sha256.All(char.IsAsciiHexDigit))
            {
                failures.Add($"API key '{key.Name}' needs 'sha256': 64 hex digits of the key's SHA-256.");
            }

            if (!TenantIds.IsValid(key.Tenant))
            {
                failures.Add($"API key '{key.Name}' has tenant '{key.Tenant}': a tenant id is 2 to 40 of a–z, 0–9 and '-'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

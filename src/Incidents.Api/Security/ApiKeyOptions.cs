using System.ComponentModel.DataAnnotations;

namespace Incidents.Api.Security;

/// <summary>
/// The keys the API accepts, from configuration (<c>Incidents:ApiKeys</c>). Only SHA-256 hashes are kept:
/// a leaked configuration file gives no working key.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Incidents:ApiKeys";

    public List<ApiKeyEntry> Keys { get; set; } = [];
}

public sealed class ApiKeyEntry
{
    /// <summary>Names the key in logs and audit; never the secret.</summary>
    [Required]
    public string Name { get; set; } = "";

    public string Tenant { get; set; } = Contracts.Tenants.TenantScoped.DefaultTenant;

    [Required]
    public string Role { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the key's UTF-8 bytes.</summary>
    [Required]
    public string Sha256 { get; set; } = "";
}

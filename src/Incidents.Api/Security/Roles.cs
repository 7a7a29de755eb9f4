namespace Incidents.Api.Security;

/// <summary>
/// What a key may do. Each policy admits its own role, <see cref="Admin"/> (a tenant's administrator) and
/// <see cref="InstallationAdmin"/>, who also manages tenants and keys and sees the Orleans dashboard (every tenant's
/// grains). Data is always the caller's own tenant's.
/// </summary>
public static class Roles
{
    public const string Ingest = "ingest";
    public const string Analyst = "analyst";
    public const string Admin = "admin";
    public const string InstallationAdmin = "installation-admin";

    public static readonly IReadOnlyList<string> All = [Ingest, Analyst, Admin, InstallationAdmin];

    public const string KeyIdClaim = "key_id";

    public const string TenantClaim = "tenant";
}

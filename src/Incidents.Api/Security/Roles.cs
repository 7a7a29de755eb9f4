namespace Incidents.Api.Security;

/// <summary>What a key may do. Each policy admits its own role and <see cref="Admin"/>.</summary>
public static class Roles
{
    public const string Ingest = "ingest";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Ingest, Analyst, Admin];

    public const string TenantClaim = "tenant";
}

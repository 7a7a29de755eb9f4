namespace Incidents.Contracts.Tenants;

/// <summary>
/// Grain keys carry their tenant, <c>{tenant}/{key}</c>, so one tenant's key can never name another's grain.
/// </summary>
public static class TenantScoped
{
    public const string DefaultTenant = "default";

    public static string Key(string tenant, string key) => string.Concat(tenant, "/", key);

    public static (string Tenant, string Key) Split(string grainKey)
    {
        var slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (DefaultTenant, grainKey) : (grainKey[..slash], grainKey[(slash + 1)..]);
    }
}

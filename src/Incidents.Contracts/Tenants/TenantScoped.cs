namespace Incidents.Contracts.Tenants;

/// <summary>
/// The one way request text becomes a grain key: <c>{tenant}/{entity}</c>, the tenant a valid
/// <see cref="TenantIds">tenant id</see>, the entity <see cref="EntityKeys.Encode">encoded</see> so that it holds no
/// '/', no '\', no leading or trailing '.', nothing outside ASCII letters, digits, '-', '_' and inner dots. A grain
/// key becomes a blob name in storage, and a storage client resolves <c>..</c> segments in it: encoded, no name can
/// reach another tenant's, or another kind's, stored state.
/// </summary>
public static class TenantScoped
{
    public const string DefaultTenant = "default";

    /// <summary>The grain key of an entity (host, user, incident) of a tenant.</summary>
    /// <exception cref="ArgumentException">The tenant is not a valid tenant id: the caller let unchecked text through.</exception>
    public static string Key(string tenant, string entity) =>
        string.Concat(TenantIds.Checked(tenant), "/", EntityKeys.Encode(entity));

    /// <summary>The tenant and the entity's name (decoded) of a key made by <see cref="Key"/>.</summary>
    /// <exception cref="FormatException">Not a key <see cref="Key"/> made.</exception>
    public static (string Tenant, string Entity) Split(string grainKey)
    {
        var slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TenantIds.IsValid(grainKey.AsSpan(0, slash)) || !EntityKeys.TryDecode(grainKey[(slash + 1)..], out var entity))
        {
            throw new FormatException("Not a tenant-scoped grain key.");
        }

        return (grainKey[..slash], entity);
    }
}

namespace Incidents.Contracts.Access;

/// <summary>
/// The installation's tenants and the keys issued to them (keyed <see cref="Installation"/>), as installation admins
/// manage them. Issuing and revoking go through it to the key's own grain; it awaits key grains, which call nothing.
/// </summary>
public interface ITenantRegistryGrain : IGrainWithStringKey
{
    public const string Installation = "installation";

    /// <summary>Null if the id is taken or the registry is full.</summary>
    Task<Tenant?> AddTenant(Tenant tenant);

    [ReadOnly]
    Task<IReadOnlyList<Tenant>> Tenants();

    /// <summary>The issued key, or why not: <see cref="KeyIssue"/>.</summary>
    Task<KeyIssue> IssueKey(ApiKeyInfo key, byte[] secretHash);

    [ReadOnly]
    Task<IReadOnlyList<ApiKeyInfo>> Keys(string? tenantId);

    /// <summary>Null for an unknown key.</summary>
    Task<ApiKeyInfo?> RevokeKey(string id, DateTimeOffset at);
}

[GenerateSerializer, Immutable, Alias("Incidents.KeyIssue")]
public sealed record KeyIssue([property: Id(0)] ApiKeyInfo? Key, [property: Id(1)] string? Refusal);

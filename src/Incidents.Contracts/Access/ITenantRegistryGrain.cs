namespace Incidents.Contracts.Access;

/// <summary>
/// The installation's tenants and the keys issued to them (keyed <see cref="Installation"/>), as installation admins
/// manage them. Issuing and revoking go through it to the key's own grain; it awaits key grains, which call nothing.
/// </summary>
[Alias("Incidents.ITenantRegistryGrain")]
public interface ITenantRegistryGrain : IGrainWithStringKey
{
    public const string Installation = "installation";

    /// <summary>The most keys the registry holds; a new key past it pushes out the oldest revoked or expired one.</summary>
    public const int MaxKeys = 10_000;

    /// <summary>Null if the id is taken or the registry is full.</summary>
    [Alias("AddTenant")]
    Task<Tenant?> AddTenant(Tenant tenant);

    [ReadOnly]
    [Alias("Tenants")]
    Task<IReadOnlyList<Tenant>> Tenants();

    /// <summary>The issued key, or why not: <see cref="KeyIssue"/>.</summary>
    [Alias("IssueKey")]
    Task<KeyIssue> IssueKey(ApiKeyInfo key, byte[] secretHash);

    [ReadOnly]
    [Alias("Keys")]
    Task<IReadOnlyList<ApiKeyInfo>> Keys(string? tenantId);

    /// <summary>
    /// Whether a key was issued with this id (revoked and expired ones too): asked before a key's own grain, so that a
    /// made-up id costs one look-up in memory here, not an activation and a storage read of a grain of its own.
    /// </summary>
    [ReadOnly]
    [Alias("HasKey")]
    Task<bool> HasKey(string id);

    /// <summary>Null for an unknown key.</summary>
    [Alias("RevokeKey")]
    Task<ApiKeyInfo?> RevokeKey(string id, DateTimeOffset at);
}

[GenerateSerializer, Immutable, Alias("Incidents.KeyIssue")]
public sealed record KeyIssue([property: Id(0)] ApiKeyInfo? Key, [property: Id(1)] string? Refusal);

namespace Incidents.Contracts.Access;

/// <summary>What is known of an issued API key, never its secret (only the secret's hash is stored, by the key's grain).</summary>
[GenerateSerializer, Immutable, Alias("Incidents.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Role,
    [property: Id(3)] string? Name,
    [property: Id(4)] DateTimeOffset Created,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset? Expires,
    [property: Id(7)] DateTimeOffset? Revoked)
{
    public bool IsValidAt(DateTimeOffset now) => Revoked is null && (Expires is null || now < Expires);
}

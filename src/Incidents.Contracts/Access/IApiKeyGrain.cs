namespace Incidents.Contracts.Access;

/// <summary>
/// One issued API key (keyed by its id, the public part of the key): the one place its secret's hash and its revocation
/// live, so that every API instance asks it and a revocation holds from the next request on. Calls no grain.
/// </summary>
[Alias("Incidents.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Records the key; false if the id is already taken.</summary>
    [Alias("Issue")]
    Task<bool> Issue(ApiKeyInfo key, byte[] secretHash);

    [Alias("Revoke")]
    Task<ApiKeyInfo?> Revoke(DateTimeOffset at);

    /// <summary>The key if <paramref name="secretHash"/> is its secret's (compared in constant time), else null.</summary>
    [ReadOnly]
    [Alias("Check")]
    Task<ApiKeyInfo?> Check(byte[] secretHash);
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Security;

/// <summary>Finds the configured key an incoming secret belongs to, by its hash, in constant time per candidate.</summary>
public sealed class ApiKeyStore
{
    private readonly Dictionary<string, (ApiKeyEntry Entry, byte[] Hash)> _byHash;

    public ApiKeyStore(IOptions<ApiKeyOptions> options)
    {
        _byHash = new Dictionary<string, (ApiKeyEntry, byte[])>(StringComparer.Ordinal);
        foreach (var key in options.Value.Keys)
        {
            var hash = Convert.FromHexString(key.Sha256);
            _byHash[Convert.ToHexStringLower(hash)] = (key, hash);
        }
    }

    /// <param name="hash">The incoming secret's <see cref="Hash"/>.</param>
    public ApiKeyEntry? Find(byte[] hash) =>
        _byHash.TryGetValue(Convert.ToHexStringLower(hash), out var found) && CryptographicOperations.FixedTimeEquals(hash, found.Hash)
            ? found.Entry
            : null;

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}

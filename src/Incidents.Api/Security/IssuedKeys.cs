using System.Security.Cryptography;

namespace Incidents.Api.Security;

/// <summary>
/// Keys the API issues: <c>inc_{id}_{secret}</c>, the id (12 of a–z0–9) public and naming the key's grain, the secret
/// 256 random bits in base64url. The prefix lets secret scanners and people recognise a leaked key.
/// </summary>
public static class IssuedKeys
{
    private const string Prefix = "inc_";
    private const int IdLength = 12;
    private const int SecretLength = 43; // 32 bytes, base64url without padding
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Id, string Key) Create()
    {
        var id = RandomNumberGenerator.GetString(IdAlphabet, IdLength);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The id of a key in the issued format; says nothing of whether it is valid.</summary>
    public static bool TryGetId(string key, out string id)
    {
        id = "";
        if (key.Length != Prefix.Length + IdLength + 1 + SecretLength
            || !key.StartsWith(Prefix, StringComparison.Ordinal)
            || key[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var candidate = key.Substring(Prefix.Length, IdLength);
        if (!candidate.All(c => IdAlphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        id = candidate;
        return true;
    }
}

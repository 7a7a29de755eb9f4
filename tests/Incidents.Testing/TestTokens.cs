using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Incidents.Testing;

/// <summary>
/// Bearer tokens from an issuer of the tests' own (HMAC-SHA256, the key configured on the API as an operator would),
/// written out by hand: the API's JWT validation is checked against tokens it did not make.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://idp.test.invalid/";
    public const string Audience = "incidents-api";
    private static readonly byte[] Key = SHA256.HashData("incidents test token issuer"u8);

    public static IEnumerable<KeyValuePair<string, string>> Environment() =>
    [
        new("Incidents__Jwt__Issuer", Issuer),
        new("Incidents__Jwt__Audience", Audience),
        new("Incidents__Jwt__SigningKey", Convert.ToBase64String(Key)),
    ];

    /// <param name="roles">The <c>roles</c> claim.</param>
    /// <param name="tenant">The <c>tenant</c> claim; none when null.</param>
    /// <param name="signingKey">Another issuer's key, to forge.</param>
    public static string Create(
        string user, string[] roles, string? tenant, TimeSpan? lifetime = null, string issuer = Issuer, string audience = Audience, byte[]? signingKey = null)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = user,
            ["preferred_username"] = user,
            ["roles"] = new JsonArray([.. roles.Select(r => JsonValue.Create(r))]),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime ?? TimeSpan.FromMinutes(10)).ToUnixTimeSeconds(),
        };
        if (tenant is not null)
        {
            payload["tenant"] = tenant;
        }

        var unsigned = $"{Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray())}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        return $"{unsigned}.{Base64Url(HMACSHA256.HashData(signingKey ?? Key, Encoding.ASCII.GetBytes(unsigned)))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Security.Cryptography;
using System.Text;

namespace Incidents.Grains.Escalation;

/// <summary>
/// A webhook's signing secret as stored: AES-256-GCM under the silos' key (<see cref="KeyId"/> names which), a fresh
/// nonce each time, the ciphertext followed by its tag. Its text form holds none of it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.SealedSecret")]
public sealed record SealedSecret([property: Id(0)] string KeyId, [property: Id(1)] byte[] Nonce, [property: Id(2)] byte[] Ciphertext)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId);
        return true;
    }
}

/// <summary>
/// Seals webhook secrets for storage and opens them for signing (issue 17: no secret in a blob nor in the dashboard's
/// view of grain state). The tenant and the webhook's id are the associated data: a sealed secret copied into another
/// tenant's or another webhook's record does not open. Sealed with the current key; opened with it or with any
/// previous one, so that keys can be rotated while records still hold the old one.
/// </summary>
public sealed class WebhookSecretBox
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    private const string Purpose = "incidents.escalation.webhook-secret.v1";

    private readonly byte[] _key;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">A key is not <see cref="KeySize"/> bytes.</exception>
    public WebhookSecretBox(byte[] key, IEnumerable<byte[]>? previousKeys = null)
    {
        _key = Checked(key).ToArray();
        CurrentKeyId = KeyId(_key);
        _keys[CurrentKeyId] = _key;
        foreach (var previous in previousKeys ?? [])
        {
            _keys.TryAdd(KeyId(Checked(previous)), previous.ToArray());
        }
    }

    public string CurrentKeyId { get; }

    /// <summary>
    /// A key's name in sealed records: the first 8 bytes of an HMAC under the key itself, so that it says which key
    /// without telling anything of it, and needs no setting of its own.
    /// </summary>
    public static string KeyId(byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Purpose + ".key-id")).AsSpan(0, 8));

    public SealedSecret Seal(string secret, string tenant, string webhookId)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var sealedBytes = new byte[plain.Length + TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), AssociatedData(tenant, webhookId));
        CryptographicOperations.ZeroMemory(plain);
        return new SealedSecret(CurrentKeyId, nonce, sealedBytes);
    }

    /// <exception cref="CryptographicException">
    /// Under a key this box does not hold, altered, or sealed for another tenant or webhook.
    /// </exception>
    public string Open(SealedSecret sealedSecret, string tenant, string webhookId)
    {
        if (!_keys.TryGetValue(sealedSecret.KeyId, out var key))
        {
            throw new CryptographicException($"The webhook secret is sealed under key '{sealedSecret.KeyId}', which is neither the current nor a previous key.");
        }

        if (sealedSecret.Nonce.Length != NonceSize || sealedSecret.Ciphertext.Length < TagSize)
        {
            throw new CryptographicException("The sealed webhook secret is malformed.");
        }

        var length = sealedSecret.Ciphertext.Length - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedSecret.Nonce, sealedSecret.Ciphertext.AsSpan(0, length), sealedSecret.Ciphertext.AsSpan(length), plain, AssociatedData(tenant, webhookId));
        try
        {
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>True when the record is under the current key; false: it is re-sealed when next written.</summary>
    public bool IsCurrent(SealedSecret sealedSecret) => sealedSecret.KeyId == CurrentKeyId;

    // Lengths first, so that no (tenant, id) pair can be spelled as another.
    private static byte[] AssociatedData(string tenant, string webhookId) => Encoding.UTF8.GetBytes(
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Purpose}|{tenant.Length}:{tenant}|{webhookId.Length}:{webhookId}"));

    private static byte[] Checked(byte[] key) => key.Length == KeySize
        ? key
        : throw new ArgumentException($"A webhook secret key is {KeySize} bytes; this one is {key.Length}.", nameof(key));
}

using System.Buffers;
using System.Globalization;
using System.Text;

namespace Incidents.Contracts.Tenants;

/// <summary>
/// Entity names (hosts, accounts, incident ids) as they may appear in a grain key, and so in a storage name.
/// ASCII letters, digits, '-' and '_' stay as they are, and so does '.' except first or last; every other UTF-8 byte
/// becomes <c>~XX</c> (upper-case hex). The encoding is one-to-one, so <c>ws..01</c>, <c>CORP\alice</c> and
/// <c>../default/x</c> are three distinct names of their own tenant, and none of them holds a path separator, a dot
/// segment, a percent sign or a character a URL or storage client would rewrite. The empty name is <c>~</c>.
/// </summary>
public static class EntityKeys
{
    /// <summary>The longest name, in UTF-8 bytes: encoded, at most three times that, well within a storage name.</summary>
    public const int MaxNameBytes = 255;

    private const char Escape = '~';
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly SearchValues<char> Plain =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>
    /// Whether a name can be an entity's: well-formed text of at most <see cref="MaxNameBytes"/> bytes, without
    /// control characters (no host or account has them; a log line or a console would).
    /// </summary>
    public static bool IsValidName(string? name)
    {
        if (name is null || name.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 || name.Contains('\u007f', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return name.Length <= MaxNameBytes && Strict.GetByteCount(name) <= MaxNameBytes;
        }
        catch (EncoderFallbackException)
        {
            return false; // a lone surrogate: two such names would share one key
        }
    }

    /// <exception cref="ArgumentException">Not a <see cref="IsValidName">valid name</see>.</exception>
    public static string Encode(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"An entity name is well-formed text of at most {MaxNameBytes} bytes.", nameof(name));
        }

        if (name.Length == 0)
        {
            return Escape.ToString();
        }

        if (IsPlain(name))
        {
            return name; // the common case: host and account names that need nothing, and keep their old keys
        }

        var bytes = Strict.GetBytes(name);
        var encoded = new StringBuilder(bytes.Length * 2);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b < 0x80 && (Plain.Contains((char)b) || (b == '.' && i > 0 && i < bytes.Length - 1)))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append(Escape).Append(Convert.ToHexString([b]));
            }
        }

        return encoded.ToString();
    }

    public static bool TryDecode(string key, out string name)
    {
        name = "";
        if (key == "~")
        {
            return true;
        }

        if (key.Length is 0 or > MaxNameBytes * 3)
        {
            return false;
        }

        if (IsPlain(key))
        {
            name = key;
            return true;
        }

        var bytes = new List<byte>(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c == Escape)
            {
                if (i + 2 >= key.Length
                    || !byte.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return false;
                }

                bytes.Add(b);
                i += 2;
            }
            else if (c < 0x80 && (Plain.Contains(c) || c == '.'))
            {
                bytes.Add((byte)c);
            }
            else
            {
                return false;
            }
        }

        try
        {
            name = Strict.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        // One name, one key: a key that is not how its name encodes (lower-case hex, an escaped plain character) is refused.
        return IsValidName(name) && Encode(name) == key;
    }

    /// <summary>Plain through and through: letters, digits, '-', '_', and dots anywhere but the ends.</summary>
    private static bool IsPlain(string name)
    {
        if (name[0] == '.' || name[^1] == '.')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c != '.' && (c >= 0x80 || !Plain.Contains(c)))
            {
                return false;
            }
        }

        return true;
    }
}

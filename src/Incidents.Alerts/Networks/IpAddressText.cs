using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Incidents.Alerts.Networks;

/// <summary>
/// Strict IP address parsing. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> also accepts the
/// inet_aton forms ("10" is 0.0.0.10, "010.0.0.1" is 8.0.0.1), brackets and zone ids; in alert data those are
/// typos or tricks, not addresses, so only dotted-quad IPv4 and plain IPv6 text is taken here.
/// IPv4-mapped IPv6 comes back as IPv4, so that one host has one key.
/// </summary>
internal static class IpAddressText
{
    private const int MaxLength = 45; // longest IPv6 text, with an embedded IPv4 tail

    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (utf8.IsEmpty || utf8.Length > MaxLength || !HasOnlyAddressCharacters(utf8) ||
            !IPAddress.TryParse(utf8, out var parsed))
        {
            return false;
        }

        if (parsed.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> canonical = stackalloc byte[15];
            if (!parsed.TryFormat(canonical, out int written) || !canonical[..written].SequenceEqual(utf8))
            {
                return false;
            }
        }

        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        Span<byte> utf8 = stackalloc byte[MaxLength];
        if (text.Length > MaxLength)
        {
            return false;
        }

        // Only ASCII survives the character check, so one char is one byte.
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsAscii(text[i]))
            {
                return false;
            }

            utf8[i] = (byte)text[i];
        }

        return TryParse(utf8[..text.Length], out address);
    }

    private static bool HasOnlyAddressCharacters(ReadOnlySpan<byte> utf8)
    {
        foreach (byte b in utf8)
        {
            if (!char.IsAsciiHexDigit((char)b) && b is not ((byte)':' or (byte)'.'))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Text;
using System.Text.Json;

namespace Incidents.Alerts.Formats;

/// <summary>Transport protocol names, lowercase; the common ones come back as shared strings, not new ones.</summary>
internal static class Protocols
{
    public static string? Read(ref Utf8JsonReader reader, string field, int maxLength)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            var name = reader.ValueSpan;
            if (Ascii.EqualsIgnoreCase(name, "tcp"u8))
            {
                return "tcp";
            }

            if (Ascii.EqualsIgnoreCase(name, "udp"u8))
            {
                return "udp";
            }

            if (Ascii.EqualsIgnoreCase(name, "icmp"u8))
            {
                return "icmp";
            }

            if (Ascii.EqualsIgnoreCase(name, "ipv6-icmp"u8))
            {
                return "ipv6-icmp";
            }
        }

        return JsonValues.ReadString(ref reader, field, maxLength)?.ToLowerInvariant();
    }
}

using System.Buffers.Text;
using System.Text.Json;
using Incidents.Alerts.Formats;

namespace Incidents.Alerts.Events;

/// <summary>
/// Value readers the context formats need beyond <see cref="JsonValues"/>: sources that write numbers as strings
/// (Windows) and the <c>-</c> that Windows and Zeek write for "none".
/// Same contract as <see cref="JsonValues"/>: the reader stands on the value's first token, and a bad value is an
/// <see cref="InvalidAlertException"/> naming the field.
/// </summary>
internal static class ContextJson
{
    private const int DigitsBytes = 32;

    /// <summary>A string where <c>-</c>, like null and the empty string, means none.</summary>
    public static string? ReadText(ref Utf8JsonReader reader, string field, int maxLength) =>
        IsDash(in reader) ? null : JsonValues.ReadString(ref reader, field, maxLength);

    /// <summary>
    /// A non-negative integer written as a JSON number or as a string of digits (<c>"LogonType": "3"</c>);
    /// null, <c>""</c> and <c>"-"</c> read as absent.
    /// </summary>
    public static long? ReadCount(ref Utf8JsonReader reader, string field, string what)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out long number) && number >= 0
                    ? number
                    : throw AlertErrors.NotA(field, what, JsonValues.Echo(in reader));
            case JsonTokenType.String:
                if (reader.ValueSpan.IsEmpty || IsDash(in reader))
                {
                    return null;
                }

                Span<byte> buffer = stackalloc byte[DigitsBytes];
                return JsonValues.TryGetShortString(in reader, buffer, out var text) &&
                    text.Length > 0 && text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 &&
                    Utf8Parser.TryParse(text, out long parsed, out int consumed) && consumed == text.Length
                    ? parsed
                    : throw AlertErrors.NotA(field, what, JsonValues.Echo(in reader));
            default:
                throw AlertErrors.WrongType(field, "a number or a string of digits", reader.TokenType);
        }
    }

    /// <summary>A port as a number or a string of digits, 0..65535.</summary>
    public static int? ReadPortText(ref Utf8JsonReader reader, string field) =>
        JsonValues.CheckPort(ReadCount(ref reader, field, JsonValues.PortShape), in reader, field);

    public static bool? ReadBoolean(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw AlertErrors.WrongType(field, "a boolean", reader.TokenType),
    };

    /// <summary>An IP address where <c>-</c>, like null and the empty string, means none.</summary>
    public static System.Net.IPAddress? ReadIpOrDash(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.String && (reader.ValueSpan.IsEmpty || IsDash(in reader))
            ? null
            : JsonValues.ReadIp(ref reader, field);

    private static bool IsDash(in Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length == 1 && reader.ValueSpan[0] == (byte)'-';
}

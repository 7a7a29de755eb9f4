using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Incidents.Alerts.Networks;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Reading one value with the checks every format shares. Each Read method expects the reader on the value's
/// first token (just after its property name), leaves it on the value's last token, and throws
/// <see cref="InvalidAlertException"/> naming the field when the value is not what the field needs.
/// JSON null reads as absent.
/// </summary>
internal static class JsonValues
{
    public const int MaxDepth = 64;

    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public const string PortShape = "a port number (0..65535)";

    private const int PortMax = 65535;

    // Times, IP addresses and enum-like values are short; anything longer than this is not one of them.
    private const int ShortValueBytes = 128;

    // How much of a bad value an error message repeats: enough to recognise it, never the whole of a huge one.
    private const int EchoBytes = 64;

    /// <summary>Every time, however written, is in 1970..2100: from <see cref="MinTime"/>, before <see cref="EndTime"/>.</summary>
    public static readonly DateTimeOffset MinTime = DateTimeOffset.UnixEpoch;

    public static readonly DateTimeOffset EndTime = new(2101, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reads the item's first token, which must open an object.</summary>
    public static void ReadStartOfItem(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidAlertException($"the item is {Describe(reader.TokenType)}, not a JSON object");
        }
    }

    /// <summary>After the item's closing brace: only whitespace may follow (the reader throws on anything else).</summary>
    public static void ReadEndOfItem(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new InvalidAlertException("the item has more JSON after its closing brace");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its closing brace.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>
    /// The step after <see cref="NextProperty"/> and naming the property: moves to its value. A property that is not
    /// one of the object's known fields (<paramref name="field"/> 0, the <c>Unknown</c> every field enum starts with)
    /// is skipped, and gives false; a known one is marked seen (see <see cref="MarkSeen"/>), and gives true with the
    /// reader on the value's first token.
    /// </summary>
    public static bool EnterKnownField(ref Utf8JsonReader reader, ref ulong seen, int field, string name)
    {
        reader.Read();
        if (field == 0)
        {
            reader.Skip();
            return false;
        }

        MarkSeen(ref seen, field, name);
        return true;
    }

    /// <summary>
    /// Refuses a known field seen twice in one object: JSON parsers disagree on which duplicate wins, so two
    /// systems reading the same bytes could see two different alerts.
    /// </summary>
    public static void MarkSeen(ref ulong seen, int field, string name)
    {
        Debug.Assert(field is >= 0 and < 64, "one bit per known field of an object");
        ulong bit = 1UL << field;
        if ((seen & bit) != 0)
        {
            throw AlertErrors.Duplicate(name);
        }

        seen |= bit;
    }

    /// <summary>True on an object's opening brace, false on null; anything else is the wrong type.</summary>
    public static bool StartsObject(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.Null => false,
        _ => throw AlertErrors.WrongType(field, "an object", reader.TokenType),
    };

    /// <summary>True on an array's opening bracket, false on null; anything else is the wrong type.</summary>
    public static bool StartsArray(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.StartArray => true,
        JsonTokenType.Null => false,
        _ => throw AlertErrors.WrongType(field, "an array", reader.TokenType),
    };

    /// <summary>A string; null and the empty string read as absent.</summary>
    public static string? ReadString(ref Utf8JsonReader reader, string field, int maxLength)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw AlertErrors.WrongType(field, "a string", reader.TokenType);
        }

        // Every UTF-16 char costs at least one byte of JSON, and at most six (\uXXXX): bound before decoding.
        if (reader.ValueSpan.Length / 6 > maxLength)
        {
            throw AlertErrors.TooLong(field, maxLength);
        }

        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate such as "\ud800".
            throw AlertErrors.NotText(field);
        }

        if (value.Length > maxLength)
        {
            throw AlertErrors.TooLong(field, maxLength);
        }

        return value.Length == 0 ? null : value;
    }

    /// <summary>An integer that fits in 64 bits; a number written as a string is the wrong type.</summary>
    public static long? ReadInt64(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw AlertErrors.WrongType(field, "an integer", reader.TokenType);
        }

        return reader.TryGetInt64(out long value) ? value : throw AlertErrors.NotA(field, "an integer", Echo(in reader));
    }

    public static int? ReadPort(ref Utf8JsonReader reader, string field) => CheckPort(ReadInt64(ref reader, field), in reader, field);

    /// <summary>A port number read as an integer (the reader still on it), checked to be in 0..65535.</summary>
    public static int? CheckPort(long? port, in Utf8JsonReader reader, string field) =>
        port is null or (>= 0 and <= PortMax) ? (int?)port : throw AlertErrors.NotA(field, PortShape, Echo(in reader));

    /// <summary>A strictly written IPv4 or IPv6 address; IPv4-mapped IPv6 comes back as IPv4.</summary>
    public static IPAddress? ReadIp(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw AlertErrors.WrongType(field, "a string", reader.TokenType);
        }

        Span<byte> buffer = stackalloc byte[ShortValueBytes];
        return TryGetShortString(in reader, buffer, out var text) && IpAddressText.TryParse(text, out var address)
            ? address
            : throw AlertErrors.NotA(field, "an IP address", Echo(in reader));
    }

    /// <summary>
    /// An ISO 8601 string, with an offset or without one, or, where the form allows it, epoch seconds; in 1970..2100
    /// either way (a time without an offset as written), which catches milliseconds sent as seconds and zero or garbage clocks.
    /// </summary>
    public static ItemTime? ReadTime(ref Utf8JsonReader reader, string field, TimeForm form)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when form == TimeForm.Iso8601OrEpochSeconds:
                return ItemTime.Of(EpochTime.Read(ref reader, field, EpochUnit.Seconds));
            case JsonTokenType.String:
                Span<byte> buffer = stackalloc byte[ShortValueBytes];
                if (!TryGetShortString(in reader, buffer, out var text) || !Iso8601.TryParse(text, out var time, out bool withoutOffset))
                {
                    throw AlertErrors.NotA(field, "a valid time", Echo(in reader));
                }

                return time >= MinTime && time < EndTime
                    ? new ItemTime(time, withoutOffset)
                    : throw AlertErrors.NotA(field, "a time in 1970..2100", Echo(in reader));
            default:
                throw AlertErrors.WrongType(
                    field, form == TimeForm.Iso8601OrEpochSeconds ? "a string or a number" : "a string", reader.TokenType);
        }
    }

    /// <summary>
    /// The unescaped UTF-8 of a string value, without allocating; false when it does not fit the buffer
    /// (or is not valid text), which for the short values read this way means it is not a valid one.
    /// </summary>
    public static bool TryGetShortString(in Utf8JsonReader reader, Span<byte> buffer, out ReadOnlySpan<byte> value)
    {
        value = default;
        var raw = reader.ValueSpan;
        if (raw.Length > buffer.Length)
        {
            return false;
        }

        if (!reader.ValueIsEscaped)
        {
            value = raw;
            return true;
        }

        try
        {
            // Unescaping never lengthens, so the buffer is large enough.
            value = buffer[..reader.CopyString(buffer)];
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The start of the current value as the sender wrote it, for error messages.</summary>
    public static string Echo(in Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            return Describe(reader.TokenType);
        }

        var raw = reader.ValueSpan;
        return raw.Length <= EchoBytes
            ? Encoding.UTF8.GetString(raw)
            : string.Concat(Encoding.UTF8.GetString(raw[..EchoBytes]), "…");
    }

    /// <summary>As <see cref="Echo(in Utf8JsonReader)"/>, for a value already read as text.</summary>
    public static string Echo(string text) =>
        text.Length <= EchoBytes ? text : string.Concat(text.AsSpan(0, EchoBytes), "…");

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>A small non-negative integer as text, without allocating for the common ones.</summary>
    public static string SmallNumberText(long value) => value switch
    {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}

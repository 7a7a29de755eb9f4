namespace Incidents.Alerts.Formats;

/// <summary>
/// Parses ISO 8601 / RFC 3339 date-times straight from UTF-8:
/// <c>yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:mm|±HHmm|±HH]</c>. Hand-written because Suricata writes offsets
/// without a colon (<c>-0600</c>), which the framework's parsers do not take in every culture, and because
/// the hot path should not allocate a string per timestamp. A time without an offset is a wall-clock reading
/// whose zone only the configuration knows (see <see cref="SourceTimeZones"/>): it is given at offset zero and
/// said to be without one, never read in this server's zone, which would make it depend on where the server runs.
/// </summary>
internal static class Iso8601
{
    private const int FractionDigits = 7; // DateTime ticks are 100 ns; further digits are dropped, not rounded

    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value, out bool withoutOffset)
    {
        value = default;
        withoutOffset = false;
        if (text.Length < 19 ||
            !TryReadDigits(text[..4], out int year) || text[4] != '-' ||
            !TryReadDigits(text.Slice(5, 2), out int month) || text[7] != '-' ||
            !TryReadDigits(text.Slice(8, 2), out int day) ||
            text[10] is not ((byte)'T' or (byte)'t' or (byte)' ') ||
            !TryReadDigits(text.Slice(11, 2), out int hour) || text[13] != ':' ||
            !TryReadDigits(text.Slice(14, 2), out int minute) || text[16] != ':' ||
            !TryReadDigits(text.Slice(17, 2), out int second))
        {
            return false;
        }

        int position = 19;
        long fractionTicks = 0;
        if (position < text.Length && text[position] == '.')
        {
            position++;
            int digits = 0;
            for (; position < text.Length && char.IsAsciiDigit((char)text[position]); position++, digits++)
            {
                if (digits < FractionDigits)
                {
                    fractionTicks = (fractionTicks * 10) + (text[position] - '0');
                }
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < FractionDigits; digits++)
            {
                fractionTicks *= 10;
            }
        }

        bool hasOffset = position < text.Length;
        var offset = TimeSpan.Zero;
        if ((hasOffset && !TryReadOffset(text[position..], out offset)) ||
            year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long localTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        long utcTicks = localTicks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(localTicks, offset);
        withoutOffset = !hasOffset;
        return true;
    }

    /// <summary>Z, ±HH, ±HHmm or ±HH:mm, at most ±14:00 as DateTimeOffset allows.</summary>
    public static bool TryReadOffset(ReadOnlySpan<byte> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text.Length == 1 && text[0] is ((byte)'Z' or (byte)'z'))
        {
            return true;
        }

        if (text.Length is not (3 or 5 or 6) || text[0] is not ((byte)'+' or (byte)'-') ||
            !TryReadDigits(text.Slice(1, 2), out int hours))
        {
            return false;
        }

        int minutes = 0;
        bool minutesOk = text.Length switch
        {
            3 => true,
            5 => TryReadDigits(text.Slice(3, 2), out minutes),
            _ => text[3] == ':' && TryReadDigits(text.Slice(4, 2), out minutes),
        };
        if (!minutesOk || minutes > 59 || (hours * 60) + minutes > 14 * 60)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (text[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryReadDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}

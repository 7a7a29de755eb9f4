using System.Text.Json;

namespace Incidents.Alerts.Formats;

/// <summary>What a number in a time field counts.</summary>
internal enum EpochUnit
{
    Seconds,
    Milliseconds,

    /// <summary>
    /// Milliseconds as OCSF specifies, but seconds when the value is below 10^11: as milliseconds that is before
    /// March 1973, as seconds after the year 5000, so the two cannot be confused for a real event. Some producers
    /// (Prowler's OCSF output) write seconds in fields OCSF defines as milliseconds.
    /// </summary>
    MillisecondsOrSeconds,
}

/// <summary>Times written as a number since 1970-01-01 UTC, checked to be in 1970..2100 like every time here.</summary>
internal static class EpochTime
{
    private const decimal SecondsMillisecondsBoundary = 100_000_000_000m;

    /// <summary>A JSON number in the given unit (fractions allowed); null reads as absent; a string is the wrong type.</summary>
    public static DateTimeOffset? Read(ref Utf8JsonReader reader, string field, EpochUnit unit)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw AlertErrors.WrongType(field, "a number", reader.TokenType);
        }

        string what = unit == EpochUnit.Seconds ? "epoch seconds in 1970..2100" : "epoch milliseconds in 1970..2100";
        if (!reader.TryGetDecimal(out decimal value) || value < 0)
        {
            throw AlertErrors.NotA(field, what, JsonValues.Echo(in reader));
        }

        bool seconds = unit == EpochUnit.Seconds || (unit == EpochUnit.MillisecondsOrSeconds && value < SecondsMillisecondsBoundary);
        decimal ticksPerUnit = seconds ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond;
        decimal endValue = (JsonValues.EndTime.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / ticksPerUnit;
        if (value >= endValue)
        {
            throw AlertErrors.NotA(field, what, JsonValues.Echo(in reader));
        }

        return DateTimeOffset.UnixEpoch.AddTicks((long)(value * ticksPerUnit));
    }
}

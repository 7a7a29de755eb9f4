using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Incidents.Alerts.Formats;

namespace Incidents.Alerts;

/// <summary>
/// The zone each source writes its times in when it writes them without an offset (older Suricata's
/// <c>2019-01-02T03:50:11.315110</c>, NXLog's <c>EventTime</c>). A source not named here is read as UTC: the only
/// reading that does not depend on where this server runs. Either way the item is marked
/// (<see cref="Alert.TimeOffsetAssumed"/>), since the offset is the configuration's word, not the sensor's.
/// </summary>
public sealed class SourceTimeZones
{
    private readonly FrozenDictionary<string, Zone> _zones;

    private SourceTimeZones(FrozenDictionary<string, Zone> zones) => _zones = zones;

    /// <summary>Every source's times without an offset are UTC.</summary>
    public static SourceTimeZones None { get; } = new(FrozenDictionary<string, Zone>.Empty);

    /// <summary>
    /// Source names (as the normaliser names them: <c>suricata</c>, <c>windows</c>, a native item's <c>source</c>;
    /// any case) to a time zone id, IANA (<c>Europe/Berlin</c>) or Windows (<c>W. Europe Standard Time</c>), or to a
    /// fixed offset written as in a time (<c>+02:00</c>, <c>-0530</c>, <c>Z</c>). A zone follows daylight saving,
    /// as a sensor's local clock does; a fixed offset suits a sensor whose clock never changes.
    /// </summary>
    /// <exception cref="FormatException">A source name is empty, or a value is neither a known zone nor an offset.</exception>
    public static SourceTimeZones Parse(IEnumerable<KeyValuePair<string, string>> zonesBySource)
    {
        ArgumentNullException.ThrowIfNull(zonesBySource);
        var zones = new Dictionary<string, Zone>(StringComparer.OrdinalIgnoreCase);
        foreach (var (source, text) in zonesBySource)
        {
            if (string.IsNullOrWhiteSpace(source))
            {
                throw new FormatException("A source time zone is set for an empty source name.");
            }

            zones[source.Trim()] = ParseZone(source, text?.Trim() ?? "");
        }

        return zones.Count == 0 ? None : new SourceTimeZones(zones.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The instant an item's time stands for: a time without an offset read in its source's zone (UTC if none is
    /// set), then checked again to be in 1970..2100, which a zone's offset can take it out of.
    /// </summary>
    internal DateTimeOffset Resolve(ItemTime time, string source, string field)
    {
        if (!time.WithoutOffset || !_zones.TryGetValue(source, out var zone))
        {
            return time.Value;
        }

        // DateTimeOffset.DateTime has no kind: the wall clock as written. An hour that daylight saving repeats is
        // read as standard time, as TimeZoneInfo does; the same text always gives the same instant, so ids hold.
        var clock = time.Value.DateTime;
        var resolved = new DateTimeOffset(clock, zone.Offset ?? zone.TimeZone!.GetUtcOffset(clock));
        return resolved >= JsonValues.MinTime && resolved < JsonValues.EndTime
            ? resolved
            : throw AlertErrors.NotA(field, "a time in 1970..2100", clock.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
    }

    private static Zone ParseZone(string source, string text)
    {
        if (text.Length is > 0 and <= 6 && text[0] is '+' or '-' or 'Z' or 'z' &&
            Iso8601.TryReadOffset(Encoding.ASCII.GetBytes(text), out var offset))
        {
            return new Zone(offset, null);
        }

        try
        {
            return new Zone(null, TimeZoneInfo.FindSystemTimeZoneById(text));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new FormatException(
                $"The time zone of source '{source}', '{text}', is neither a time zone id (Europe/Berlin, UTC) nor an offset (+02:00).", e);
        }
    }

    private sealed record Zone(TimeSpan? Offset, TimeZoneInfo? TimeZone);
}

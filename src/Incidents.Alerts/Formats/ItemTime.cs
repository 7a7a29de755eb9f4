namespace Incidents.Alerts.Formats;

/// <summary>
/// A time as an item wrote it. <see cref="Value"/> is the instant; for a time written without an offset
/// (<see cref="WithoutOffset"/>) it is the wall-clock reading at offset zero, until the assembler reads it in the
/// source's zone (see <see cref="SourceTimeZones"/>).
/// </summary>
internal readonly record struct ItemTime(DateTimeOffset Value, bool WithoutOffset)
{
    /// <summary>An instant the item gave exactly (an offset, or epoch seconds), or null.</summary>
    public static ItemTime? Of(DateTimeOffset? instant) => instant is { } value ? new ItemTime(value, WithoutOffset: false) : null;
}

namespace Incidents.Alerts.Formats;

/// <summary>What a time field may hold, for <see cref="JsonValues.ReadTime"/>.</summary>
internal enum TimeForm
{
    /// <summary>ISO 8601 with an offset, and nothing else.</summary>
    Iso8601,

    /// <summary>ISO 8601 with an offset, or epoch seconds as a JSON number.</summary>
    Iso8601OrEpochSeconds,

    /// <summary>ISO 8601 with an offset, or without one, which is then taken as UTC (NXLog's <c>EventTime</c>).</summary>
    Iso8601OrUtcWithoutOffset,
}

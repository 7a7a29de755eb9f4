namespace Incidents.Alerts.Formats;

/// <summary>What a time field may hold, for <see cref="JsonValues.ReadTime"/>.</summary>
internal enum TimeForm
{
    /// <summary>ISO 8601, with an offset or without one (then in the source's zone, see <see cref="ItemTime"/>).</summary>
    Iso8601,

    /// <summary>ISO 8601 as above, or epoch seconds as a JSON number.</summary>
    Iso8601OrEpochSeconds,
}

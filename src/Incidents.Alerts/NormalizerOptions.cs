namespace Incidents.Alerts;

/// <summary>Site knowledge and limits for <see cref="AlertNormalizer"/>; one instance serves every call.</summary>
public sealed class NormalizerOptions
{
    /// <summary>Decides which endpoints are ours, and so which hosts an alert is routed to.</summary>
    public InternalNetworks InternalNetworks { get; init; } = InternalNetworks.Default;

    /// <summary>The zone of each source that writes times without an offset; the others are read as UTC.</summary>
    public SourceTimeZones SourceTimeZones { get; init; } = SourceTimeZones.None;

    /// <summary>A longer string field is a per-item error, so one item cannot carry megabytes into every later stage.</summary>
    public int MaxStringLength { get; init; } = 8192;

    /// <summary>A larger item is a per-item error; it is refused before any parsing.</summary>
    public int MaxItemBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Whether each alert and event keeps the item it came from (<see cref="Alert.Raw"/>): a UTF-16 copy of every item,
    /// most of what normalising allocates. The front door leaves it off: nothing after normalising reads it, and the
    /// ingest journal keeps the batches as they were received until they are delivered.
    /// </summary>
    public bool KeepRaw { get; init; } = true;
}

namespace Incidents.Alerts;

/// <summary>
/// An alert as every later stage sees it, whatever tool sent it.
/// </summary>
public sealed record Alert
{
    /// <summary>
    /// Stable identity: a hash of source and source id where the source gives one, else <see cref="Fingerprint"/>.
    /// The same alert delivered twice has the same id.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>
    /// Hash of the fields that make two deliveries the same alert. It is the identity of an alert whose source gives
    /// no id; an alert with its own id is known by that id, so two distinct alerts that look alike both count.
    /// </summary>
    public required string Fingerprint { get; init; }

    /// <summary>The product that raised the alert, e.g. <c>suricata</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The source's own id for the alert, where it has one.</summary>
    public string? SourceId { get; init; }

    /// <summary>Event time: when the source saw it, not when it arrived here.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>
    /// The source wrote the time without an offset: <see cref="Time"/> is read in the zone configured for the source
    /// (<see cref="SourceTimeZones"/>), else as UTC, and is hours off if that is not the sensor's zone.
    /// </summary>
    public bool TimeOffsetAssumed { get; init; }

    public required string Title { get; init; }
    public string? RuleId { get; init; }
    public required Severity Severity { get; init; }

    /// <summary>The source's own severity, as it wrote it.</summary>
    public string? SourceSeverity { get; init; }

    public string? Category { get; init; }

    /// <summary>MITRE ATT&amp;CK tactic id (TA0008) where the input says it.</summary>
    public string? Tactic { get; init; }

    /// <summary>MITRE ATT&amp;CK technique id (T1021.002) where the input says it.</summary>
    public string? Technique { get; init; }

    /// <summary>A scan or discovery (<see cref="Formats.Reconnaissance"/>): filed on its source, and not a lateral step.</summary>
    public bool Reconnaissance { get; init; }

    public string? Protocol { get; init; }
    public NetworkEndpoint? SourceEndpoint { get; init; }
    public NetworkEndpoint? DestinationEndpoint { get; init; }

    /// <summary>The host the source observed the alert on (an EDR's agent host), where it says.</summary>
    public string? ObservedHost { get; init; }

    public string? User { get; init; }
    public IReadOnlyList<Observable> Observables { get; init; } = [];

    /// <summary>
    /// Keys of the internal hosts this alert names, most responsible first: the observed host,
    /// then the internal destination, then the internal source (the source first for reconnaissance). Decides which host grains see it.
    /// </summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    /// <summary>The item as it was received (JSON text); null unless <see cref="NormalizerOptions.KeepRaw"/>.</summary>
    public string? Raw { get; init; }
}

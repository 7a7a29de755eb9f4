using Incidents.Alerts.Formats;

namespace Incidents.Alerts.Events;

/// <summary>
/// What a context-event parser has read from one item. Parsers decide the format's own mapping (kind, which side is
/// the source); the rules every format shares (which endpoints are ours, host keys, id and fingerprint) are applied
/// once by <see cref="ContextEventAssembler"/>.
/// </summary>
internal sealed class ContextEventDraft
{
    public required string Source { get; init; }
    public ContextEventKind Kind { get; set; }

    /// <summary>As written; the assembler reads a time without an offset in the source's zone.</summary>
    public ItemTime Time { get; set; }

    /// <summary>The field the time came from, for the reason a time outside 1970..2100 is refused.</summary>
    public string TimeField { get; set; } = "time";

    public EndpointDraft? SourceEndpoint { get; set; }
    public EndpointDraft? DestinationEndpoint { get; set; }
    public string? User { get; set; }
    public string? Protocol { get; set; }
    public string? Detail { get; set; }
    public bool? Success { get; set; }

    /// <summary>
    /// An identity provider's sign-in (OCSF Authentication): naming an account but no internal host, it is the
    /// account's alone (a cloud sign-in) instead of refused. Other formats are seen on the estate's own hosts.
    /// </summary>
    public bool MayNameNoHost { get; set; }

    /// <summary>A source's own key for the traffic (Zeek's connection uid); in the fingerprint and, where set, the id.</summary>
    public string? FlowId { get; set; }

    // The source's natural id, hashed as source \0 scope, text, number, detail. Absent parts are marked apart from
    // empty ones (see HashInput.AddField). With neither IdText nor IdNumber the id is the fingerprint.

    /// <summary>What the id is unique within: the Windows host, the Zeek log.</summary>
    public string? IdScope { get; set; }

    public string? IdText { get; set; }
    public long? IdNumber { get; set; }

    /// <summary>Tells apart several records that share the rest of the id (two RPC calls on one Zeek connection).</summary>
    public string? IdDetail { get; set; }

    public bool HasNaturalId => IdText is not null || IdNumber is not null;
}

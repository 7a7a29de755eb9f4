namespace Incidents.Alerts.Formats;

/// <summary>
/// What a format parser has read from one item. Parsers only read and check single fields; the rules that span
/// fields (required fields, hosts, ids, observables) are applied once, for every format, by <see cref="AlertAssembler"/>.
/// </summary>
internal sealed class AlertDraft(RequiredFieldNames names)
{
    /// <summary>What the shared checks call the required fields; a parser may set it once it knows the item's variant.</summary>
    public RequiredFieldNames Names { get; set; } = names;

    public string? Source { get; set; }
    public string? SourceId { get; set; }
    public ItemTime? Time { get; set; }
    public string? Title { get; set; }
    public string? RuleId { get; set; }
    public Severity? Severity { get; set; }
    public string? SourceSeverity { get; set; }
    public string? Category { get; set; }
    public string? Tactic { get; set; }
    public string? Technique { get; set; }
    public string? Protocol { get; set; }
    public EndpointDraft? SourceEndpoint { get; set; }
    public EndpointDraft? DestinationEndpoint { get; set; }
    public string? ObservedHost { get; set; }
    public string? User { get; set; }

    /// <summary>A source's own key for the traffic (Suricata's flow id); part of the fingerprint only.</summary>
    public long? FlowId { get; set; }

    /// <summary>In the order found; the assembler puts the endpoint addresses first and drops duplicates.</summary>
    public List<Observable> Observables { get; } = [];
}

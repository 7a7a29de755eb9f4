namespace Incidents.Alerts.Formats;

/// <summary>
/// What a format parser has read from one item. Parsers only read and check single fields; the rules that span
/// fields (required fields, hosts, ids, observables) are applied once, for every format, by <see cref="AlertAssembler"/>.
/// </summary>
internal sealed class AlertDraft(RequiredFieldNames names)
{
    // A parser that kept more observables than this gets a fresh list next time, so one odd item does not hold memory.
    private const int ReusedObservablesCapacity = 64;

    [ThreadStatic]
    private static AlertDraft? t_reused;

    private readonly EndpointDraft _source = new();
    private readonly EndpointDraft _destination = new();

    /// <summary>
    /// This thread's draft, emptied, with its own two endpoints in place: the high-volume parsers read each item into
    /// it instead of allocating a draft and two endpoints per item. Nothing of a draft outlives
    /// <see cref="AlertAssembler.Build"/>, which copies what the alert keeps, and parsing never nests.
    /// </summary>
    public static AlertDraft Reused(RequiredFieldNames names)
    {
        var draft = t_reused ??= new AlertDraft(names);
        draft.Reset(names);
        return draft;
    }

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
    public List<Observable> Observables { get; private set; } = [];

    private void Reset(RequiredFieldNames names)
    {
        Names = names;
        Source = SourceId = Title = RuleId = SourceSeverity = Category = Tactic = Technique = Protocol = ObservedHost = User = null;
        Time = null;
        Severity = null;
        FlowId = null;
        _source.Reset();
        _destination.Reset();
        SourceEndpoint = _source;
        DestinationEndpoint = _destination;
        if (Observables.Capacity > ReusedObservablesCapacity)
        {
            Observables = [];
        }
        else
        {
            Observables.Clear();
        }
    }
}

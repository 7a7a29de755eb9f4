using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Incidents;

[GenerateSerializer, Alias("Incidents.IncidentState")]
public sealed record IncidentState
{
    [Id(0)] public DateTimeOffset? CreatedAt { get; set; }
    [Id(1)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public IncidentStatus Status { get; set; }
    [Id(4)] public Severity Severity { get; set; }
    [Id(5)] public DateTimeOffset FirstSeen { get; set; }
    [Id(6)] public DateTimeOffset LastSeen { get; set; }
    [Id(7)] public long AlertCount { get; set; }

    /// <summary>Newest last, at most <see cref="CorrelationOptions.IncidentAlertsKept"/>.</summary>
    [Id(8)] public List<AlertSummary> Alerts { get; set; } = [];

    /// <summary>First seen first, at most <see cref="CorrelationOptions.IncidentEntitiesKept"/>.</summary>
    [Id(9)] public List<string> Hosts { get; set; } = [];

    [Id(10)] public List<string> Users { get; set; } = [];

    /// <summary>Newest last, at most <see cref="CorrelationOptions.IncidentTimelineKept"/>.</summary>
    [Id(11)] public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>First seen first, at most <see cref="CorrelationOptions.IncidentEntitiesKept"/>.</summary>
    [Id(12)] public List<string> ExternalAddresses { get; set; } = [];

    /// <summary>At most <see cref="MaxCategories"/>.</summary>
    [Id(13)] public List<string> Categories { get; set; } = [];

    /// <summary>Lateral steps in the order drawn, at most <see cref="CorrelationOptions.IncidentStepsKept"/>.</summary>
    [Id(14)] public List<LateralEdge> LateralMovement { get; set; } = [];

    [Id(15)] public long StepsNotKept { get; set; }

    [Id(16)] public string? MergedInto { get; set; }

    /// <summary>The incidents merged into this one, so that a repeated merge does not count their alerts twice.</summary>
    [Id(17)] public List<string> Absorbed { get; set; } = [];

    /// <summary>First seen first, at most <see cref="CorrelationOptions.IncidentEntitiesKept"/>.</summary>
    [Id(18)] public List<string> Observables { get; set; } = [];

    /// <summary>
    /// Internal hosts its alerts name that are not members (not compromised in it, not reached by a step): shown,
    /// never routed, escalated, merged or counted. First seen first, at most <see cref="CorrelationOptions.IncidentEntitiesKept"/>.
    /// </summary>
    [Id(19)] public List<string> RelatedHosts { get; set; } = [];

    // The workflow: what analysts did. Kept apart from Timeline, so that a flood of alerts never pushes an action out.

    /// <summary>Counts analysts' changes: the incident's ETag.</summary>
    [Id(20)] public long Version { get; set; }

    [Id(21)] public string? Assignee { get; set; }
    [Id(22)] public string? Team { get; set; }

    /// <summary>At most <see cref="Workflow.IncidentWorkflow.MaxTags"/>.</summary>
    [Id(23)] public List<string> Tags { get; set; } = [];

    [Id(24)] public Severity? AnalystSeverity { get; set; }
    [Id(25)] public string? SeverityReason { get; set; }
    [Id(26)] public Classification? Classification { get; set; }
    [Id(27)] public string? Resolution { get; set; }
    [Id(28)] public DateTimeOffset? AcknowledgedAt { get; set; }
    [Id(29)] public string? AcknowledgedBy { get; set; }
    [Id(30)] public DateTimeOffset? ContainedAt { get; set; }
    [Id(31)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(32)] public int Reopened { get; set; }

    /// <summary>Oldest first, the newest <see cref="Workflow.IncidentWorkflow.NotesKept"/>; the audit log has them all.</summary>
    [Id(33)] public List<IncidentNote> Notes { get; set; } = [];

    /// <summary>Analysts' actions as timeline entries, oldest first, the newest <see cref="Workflow.IncidentWorkflow.ActionsKept"/>.</summary>
    [Id(34)] public List<TimelineEntry> Actions { get; set; } = [];

    /// <summary>The resolved incident its first host was in before.</summary>
    [Id(35)] public string? Follows { get; set; }

    /// <summary>The hosts each rule fired on here, for its verdict; at most <see cref="Correlation.IncidentRecord.RulesKept"/> rules.</summary>
    [Id(36)] public Dictionary<string, List<string>> RuleHosts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The classification the rule books were last told (null: none, or withdrawn).</summary>
    [Id(37)] public Classification? VerdictTold { get; set; }

    // What enrichment made of it (Enrichment.EnrichmentGrain tells it).

    [Id(38)] public string? Owner { get; set; }
    [Id(39)] public int? Criticality { get; set; }
    [Id(40)] public int IntelHits { get; set; }

    /// <summary>How far into its entity lists its enrichment has run: less than they hold, and it asks again.</summary>
    [Id(41)] public Contracts.Enrichment.EnrichmentCounts? EnrichmentCovered { get; set; }

    // Escalation and response (Escalation.IncidentEscalation).

    /// <summary>Its route, level, deadline and steps; null until it is routed.</summary>
    [Id(42)] public Escalation.EscalationState? Escalation { get; set; }

    /// <summary>The ATT&amp;CK tactics its alerts showed (theirs, else their techniques'); at most <see cref="MaxCategories"/>.</summary>
    [Id(43)] public List<string> Tactics { get; set; } = [];

    /// <summary>The response measures told to the tenant's figures (flags of <c>1 &lt;&lt; ResponseMeasure</c>), each once.</summary>
    [Id(44)] public int ResponseTold { get; set; }

    /// <summary>When its enrichment first covered all its entities.</summary>
    [Id(45)] public DateTimeOffset? EnrichedAt { get; set; }

    /// <summary>The drill that made it, if one did: routed and escalated as any incident, kept out of the figures.</summary>
    [Id(46)] public string? Drill { get; set; }

    /// <summary>The network zone of its most critical host (enrichment), for routing.</summary>
    [Id(47)] public string? Zone { get; set; }

    // Ids 48–49 are kept for escalation; 50 holds runbook tasks.

    /// <summary>The tasks of the runbooks attached (<see cref="Runbooks.RunbookTasks"/>), in the order attached; at most <see cref="Runbooks.RunbookTasks.MaxTasks"/>.</summary>
    [Id(50)] public List<IncidentTask> Tasks { get; set; } = [];

    public const int MaxCategories = 20;

    public bool Exists => CreatedAt is not null;
}

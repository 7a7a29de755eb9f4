using Incidents.Contracts.Alerts;

namespace Incidents.Grains.Triage;

/// <summary>
/// The <c>Incidents:Triage</c> section: what each part of an alert's score weighs, and the scores that open or join an
/// incident. By default a Medium alert alone scores <see cref="OpenAt"/>, so that with nothing else known triage opens
/// what <see cref="CorrelationOptions.OpenIncidentAt"/> (Medium) opened before it.
/// </summary>
public sealed class TriageOptions
{
    public const string Section = "Incidents:Triage";

    /// <summary>Informational alerts are context for an analyst, not detections: they weigh nothing of their own.</summary>
    public int InfoPoints { get; set; }
    public int LowPoints { get; set; } = 20;
    public int MediumPoints { get; set; } = 45;
    public int HighPoints { get; set; } = 70;
    public int CriticalPoints { get; set; } = 90;

    /// <summary>A host not in an incident opens one at this score.</summary>
    public int OpenAt { get; set; } = 45;

    /// <summary>A host in an incident adds an alert to it at this score; below, the alert is only recorded on the host.</summary>
    public int JoinAt { get; set; } = 30;

    /// <summary>Added when the alert's host is already in an incident.</summary>
    public int HostInIncidentPoints { get; set; } = 15;

    /// <summary>Added to an alert whose technique is lateral movement, which also scores at least <see cref="OpenAt"/>.</summary>
    public int LateralPoints { get; set; } = 30;

    /// <summary>Added to an alert between two internal hosts without a lateral technique (it may be a scanner's).</summary>
    public int InternalStepPoints { get; set; } = 10;

    /// <summary>Subtracted when the alert's rule is routine on its host (<see cref="UsualHours"/>, <see cref="UsualDays"/>).</summary>
    public int UsualPoints { get; set; } = 20;

    /// <summary>A rule that fired on a host in this many of the 24 hours before an alert's hour is routine there.</summary>
    public int UsualHours { get; set; } = 3;

    /// <summary>A rule that fired on a host on this many of the 7 days before an alert's day is routine there (a nightly job).</summary>
    public int UsualDays { get; set; } = 3;

    /// <summary>Added when the alert's rule never fired on its host in the 8 days before.</summary>
    public int NewOnHostPoints { get; set; } = 5;

    /// <summary>Added when the alert's rule never fired anywhere in the tenant's estate before the alert's hour.</summary>
    public int NewInEstatePoints { get; set; } = 5;

    /// <summary>How far a rule's verdicts across the estate move its alerts: all true positives +this, all false −this.</summary>
    public int VerdictPoints { get; set; } = 20;

    /// <summary>As <see cref="VerdictPoints"/>, for the verdicts on the alert's own host.</summary>
    public int HostVerdictPoints { get; set; } = 20;

    /// <summary>False positives (or benign) of one rule on one host, with no true positive there, before a suppression is proposed.</summary>
    public int ProposeAfter { get; set; } = 3;

    /// <summary>Rules each host keeps a baseline for; the one longest silent leaves first.</summary>
    public int HostRulesKept { get; set; } = 128;

    /// <summary>Added for a threat-intelligence hit, which also scores at least <see cref="OpenAt"/> and is never suppressed.</summary>
    public int IntelPoints { get; set; } = 30;

    /// <summary>Points for an alert on a crown jewel (criticality 5, or the crown-jewel zone of the asset inventory).</summary>
    public int CrownJewelPoints { get; set; } = 15;

    /// <summary>Points for an alert on a host of criticality 4.</summary>
    public int CriticalAssetPoints { get; set; } = 5;

    /// <summary>How long a silo keeps a host's inventory record before asking again (answering with it meanwhile).</summary>
    public TimeSpan AssetRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a silo keeps an answer of the tenant's intelligence (a new indicator applies within it).</summary>
    public TimeSpan IntelRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Triage off: every alert decided by its tool's severity alone, as before triage (to measure what it costs).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How old each silo's copy of a tenant's suppressions may be: a change takes effect within it.</summary>
    public TimeSpan SuppressionRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each silo tells the rule books what its hosts decided (the estate's baselines lag by about this).</summary>
    public TimeSpan TallyFlush { get; set; } = TimeSpan.FromSeconds(5);

    public int PointsFor(Severity severity) => severity switch
    {
        Severity.Critical => CriticalPoints,
        Severity.High => HighPoints,
        Severity.Medium => MediumPoints,
        Severity.Low => LowPoints,
        _ => InfoPoints,
    };
}

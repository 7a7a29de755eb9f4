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

    public int InfoPoints { get; set; } = 5;
    public int LowPoints { get; set; } = 20;
    public int MediumPoints { get; set; } = 45;
    public int HighPoints { get; set; } = 70;
    public int CriticalPoints { get; set; } = 90;

    /// <summary>A host not in an incident opens one at this score.</summary>
    public int OpenAt { get; set; } = 45;

    /// <summary>A host in an incident adds an alert to it at this score; below, the alert is only recorded on the host.</summary>
    public int JoinAt { get; set; } = 25;

    /// <summary>Added when the alert's host is already in an incident.</summary>
    public int HostInIncidentPoints { get; set; } = 15;

    /// <summary>Added to an alert whose technique is lateral movement, which also scores at least <see cref="OpenAt"/>.</summary>
    public int LateralPoints { get; set; } = 30;

    /// <summary>Added to an alert between two internal hosts without a lateral technique (it may be a scanner's).</summary>
    public int InternalStepPoints { get; set; } = 10;

    /// <summary>How old each silo's copy of a tenant's suppressions may be: a change takes effect within it.</summary>
    public TimeSpan SuppressionRefresh { get; set; } = TimeSpan.FromSeconds(5);

    public int PointsFor(Severity severity) => severity switch
    {
        Severity.Critical => CriticalPoints,
        Severity.High => HighPoints,
        Severity.Medium => MediumPoints,
        Severity.Low => LowPoints,
        _ => InfoPoints,
    };
}

using Incidents.Contracts.Alerts;
using Incidents.Contracts.Triage;
using Incidents.Grains.Correlation;

namespace Incidents.Grains.Triage;

/// <summary>What triage knows of an alert's host and its past when it decides.</summary>
/// <param name="HostIncident">The incident the alert's host is in, if any.</param>
/// <param name="Learned">What baselines and verdicts say of the alert's rule, each a reason with its points.</param>
public sealed record TriageContext(string? HostIncident, IReadOnlyList<TriageReason> Learned)
{
    public static readonly TriageContext None = new(null, []);
}

/// <summary>
/// The triage of one alert, without messaging or storage: its tool's severity as points, what baselines and verdicts
/// learned of its rule, its host's standing, whether it is a lateral step; then suppressions; then the decision by the
/// score. Each part is a reason, so an analyst reads why. An alert whose technique is lateral movement (ATT&amp;CK
/// TA0008) is never suppressed and always scores enough to open: a tool that calls pass-the-hash "medium" must not keep
/// it out.
/// </summary>
public sealed class TriageRules(TriageOptions options)
{
    public AlertTriage Decide(AlertSummary alert, TriageContext context, IReadOnlyList<Suppression> suppressions, DateTimeOffset now)
    {
        var reasons = new List<TriageReason>
        {
            new(TriageReasonKinds.Severity, $"{Name(alert.Severity)} from {alert.Source}", options.PointsFor(alert.Severity)),
        };
        reasons.AddRange(context.Learned);
        if (context.HostIncident is { } incident)
        {
            reasons.Add(new(TriageReasonKinds.Context, $"its host is in incident {incident}", options.HostInIncidentPoints));
        }

        var lateral = alert.Technique is { } technique && LateralSteps.IsLateralTechnique(technique) ? technique : null;
        if (lateral is not null)
        {
            reasons.Add(new(TriageReasonKinds.Lateral, $"ATT&CK {lateral} is lateral movement", options.LateralPoints));
        }
        else if (LateralSteps.IsStep(alert))
        {
            // Not exempt from suppressions: a scanner inside the estate touches every host, and is what they are for.
            reasons.Add(new(TriageReasonKinds.Context, $"between internal hosts {alert.Src!.Key} and {alert.Dst!.Key}", options.InternalStepPoints));
        }

        var score = Math.Clamp(reasons.Sum(r => r.Points), 0, 100);
        if (lateral is not null && score < options.OpenAt)
        {
            reasons.Add(new(TriageReasonKinds.Lateral, $"a lateral step scores at least {options.OpenAt}, whatever its tool's severity", 0));
            score = options.OpenAt;
        }

        if (suppressions.FirstOrDefault(s => SuppressionMatch.Matches(s, alert, now)) is { } suppression)
        {
            if (lateral is null)
            {
                reasons.Add(new(TriageReasonKinds.Suppression, $"suppression {suppression.Id}: {suppression.Reason}", 0));
                return new(TriageDecision.Suppressed, score, reasons);
            }

            reasons.Add(new(TriageReasonKinds.Suppression, $"suppression {suppression.Id} matched, but never hides a lateral step", 0));
        }

        var decision = context.HostIncident is not null
            ? score >= options.JoinAt ? TriageDecision.Joined : TriageDecision.Recorded
            : score >= options.OpenAt ? TriageDecision.Opened : TriageDecision.Recorded;
        return new(decision, score, reasons);
    }

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}

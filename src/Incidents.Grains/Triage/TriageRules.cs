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
        // The alert's own weight first: its tool's severity, and its technique when that is lateral movement, which is
        // worth at least the opening score whatever the tool said. What was learned and the host's standing come after,
        // so that verdicts can still score a chatty lateral rule down.
        var points = options.PointsFor(alert.Severity);
        var reasons = new List<TriageReason>(4 + context.Learned.Count)
        {
            ReasonCache.Get(TriageReasonKinds.Severity, alert.Source, points, (int)alert.Severity, alert, a => $"{Name(a.Severity)} from {a.Source}"),
        };
        var lateral = alert.Technique is { } technique && LateralSteps.IsLateralTechnique(technique) ? technique : null;
        if (lateral is not null)
        {
            var lifted = Math.Max(options.LateralPoints, options.OpenAt - points);
            reasons.Add(new(TriageReasonKinds.Lateral, lifted > options.LateralPoints
                ? $"ATT&CK {lateral} is lateral movement: at least {options.OpenAt}, whatever its tool's severity"
                : $"ATT&CK {lateral} is lateral movement", lifted));
        }
        else if (LateralSteps.IsStep(alert))
        {
            // Not exempt from suppressions: a scanner inside the estate touches every host, and is what they are for.
            reasons.Add(new(TriageReasonKinds.Context, $"between internal hosts {alert.Src!.Key} and {alert.Dst!.Key}", options.InternalStepPoints));
        }
        else if (alert.Reconnaissance && alert.Src is { IsInternal: true, Key: { } scanner } && scanner == alert.PrimaryHost)
        {
            reasons.Add(new(TriageReasonKinds.Context, $"reconnaissance from {scanner}: its sweep is one incident, on {scanner}, and reaches no host", 0));
        }

        // An intelligence hit is worth at least the opening score, like a lateral technique, whatever else was learned.
        var known = context.Learned.Where(r => r.Kind == TriageReasonKinds.Intel).ToList();
        reasons.AddRange(context.Learned.Where(r => r.Kind != TriageReasonKinds.Intel));
        if (known.Count > 0)
        {
            var lift = Math.Max(options.IntelPoints, options.OpenAt - reasons.Sum(r => r.Points));
            reasons.Add(known[0] with { Points = lift });
            reasons.AddRange(known.Skip(1).Select(k => k with { Points = 0 }));
        }

        var alone = Math.Clamp(reasons.Sum(r => r.Points), 0, 100);

        // Its host's incident counts only for an alert that could not open one alone, so that the same alerts score
        // the same whichever came first.
        // A rule routine on its host is routine in its incident too: the chatty rule that opened it does not fill it.
        var routine = HostBaseline.IsRoutine(context.Learned);
        if (context.HostIncident is { } incident && alone < options.OpenAt)
        {
            reasons.Add(routine
                ? ReasonCache.Get(TriageReasonKinds.Context, incident, 0, 1, incident, i => $"its host is in incident {i}, but this is routine here")
                : ReasonCache.Get(TriageReasonKinds.Context, incident, options.HostInIncidentPoints, 0, incident, i => $"its host is in incident {i}"));
        }

        var score = Math.Clamp(reasons.Sum(r => r.Points), 0, 100);
        if (suppressions.FirstOrDefault(s => SuppressionMatch.Matches(s, alert, now)) is { } suppression)
        {
            if (lateral is null && known.Count == 0)
            {
                reasons.Add(new(TriageReasonKinds.Suppression, $"suppression {suppression.Id}: {suppression.Reason}", 0));
                return new(TriageDecision.Suppressed, score, reasons) { SuppressedBy = suppression.Id };
            }

            reasons.Add(new(TriageReasonKinds.Suppression, lateral is not null
                ? $"suppression {suppression.Id} matched, but never hides a lateral step"
                : $"suppression {suppression.Id} matched, but never hides an intelligence hit", 0));
        }

        var decision = alone >= options.OpenAt ? TriageDecision.Opened
            : context.HostIncident is not null && !routine && score >= options.JoinAt ? TriageDecision.Joined
            : TriageDecision.Recorded;
        return new(decision, score, reasons);
    }

    /// <summary>
    /// A recorded alert when its host enters an incident (it opened one, or a suspicion drew it there): judged again as
    /// if it had come after, on a host in that incident, so that arrival order decides nothing. Decided alerts (opened,
    /// joined, suppressed) and alerts kept before triage are as they were.
    /// </summary>
    public AlertSummary Pull(AlertSummary alert, string incidentId) =>
        alert.Triage is { Decision: TriageDecision.Recorded } triage
            ? alert with { Triage = Decide(alert, new TriageContext(incidentId, Learned(triage)), [], DateTimeOffset.UnixEpoch) } // no suppressions: no time read
            : alert;

    /// <summary>Whether the alert goes into its host's incident: opened or joined (or kept before triage, as then).</summary>
    public static bool Joins(AlertSummary alert) =>
        alert.Triage?.Decision is null or TriageDecision.Opened or TriageDecision.Joined;

    private static List<TriageReason> Learned(AlertTriage triage) =>
        [.. triage.Reasons.Where(r => r.Kind is TriageReasonKinds.Baseline or TriageReasonKinds.Verdict or TriageReasonKinds.Intel or TriageReasonKinds.Asset)];

    /// <summary>
    /// Severe enough to open an incident on its own: it opens one on a host in none, and where the host's compromise
    /// starts.
    /// </summary>
    public static bool Opens(AlertSummary alert, Severity openIncidentAt) => alert.Triage is { } triage
        ? triage.Decision == TriageDecision.Opened
        : alert.Severity >= openIncidentAt;

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}

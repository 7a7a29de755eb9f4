using System.Text.RegularExpressions;
using Incidents.Contracts.Alerts;

namespace Incidents.Grains.Correlation;

/// <summary>
/// What kind of attack an alert shows, in the terms routing uses: its ATT&amp;CK tactic (the tool's, else its
/// technique's), and the categories exfiltration and command and control. Tools name these in many ways (a
/// Suricata "Potential Corporate Privacy Violation" carrying T1048 is exfiltration), so tactics and techniques count
/// first, then the words of a title.
/// </summary>
public static partial class AttackCategories
{
    public const string Exfiltration = "exfiltration";
    public const string CommandAndControl = "command-and-control";
    public const string ExfiltrationTactic = "TA0010";
    public const string CommandAndControlTactic = "TA0011";
    public const string LateralMovementTactic = "TA0008";

    private static readonly string[] ExfiltrationTechniques = ["T1011", "T1020", "T1029", "T1030", "T1041", "T1048", "T1052", "T1537", "T1567"];

    private static readonly string[] CommandAndControlTechniques =
        ["T1001", "T1008", "T1071", "T1090", "T1092", "T1095", "T1102", "T1104", "T1105", "T1132", "T1205", "T1219", "T1568", "T1571", "T1572", "T1573", "T1659"];

    [GeneratedRegex("^TA[0-9]{4}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TacticId();

    // "Large Outbound Transfer", "possible exfiltration", "data exfil": the words sensors use for data leaving.
    [GeneratedRegex(@"exfil|large\s+outbound|outbound\s+(data\s+)?transfer|data\s+(theft|leak)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ExfiltrationWords();

    [GeneratedRegex(@"\b(cnc|c2|c&c|command[\s-]+and[\s-]+control|beacon(ing)?)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CommandAndControlWords();

    /// <summary>The alert's tactic (upper case), its technique's when it names none; null when neither says.</summary>
    public static string? Tactic(AlertSummary alert)
    {
        if (alert.Tactic is { } tactic && TacticId().IsMatch(tactic))
        {
            return tactic.ToUpperInvariant();
        }

        return alert.Technique switch
        {
            null => null,
            { } t when Is(t, ExfiltrationTechniques) => ExfiltrationTactic,
            { } t when Is(t, CommandAndControlTechniques) => CommandAndControlTactic,
            { } t when LateralSteps.IsLateralTechnique(t) => LateralMovementTactic,
            _ => null,
        };
    }

    /// <summary>Exfiltration or command and control, when the alert shows it; else null.</summary>
    public static string? Category(AlertSummary alert, string? tactic)
    {
        var words = $"{alert.Title} {alert.Category}";
        return tactic == ExfiltrationTactic || (ExfiltrationWords().IsMatch(words) && alert.Dst is { IsInternal: false, Ip: not null }) ? Exfiltration
            : tactic == CommandAndControlTactic || CommandAndControlWords().IsMatch(words) ? CommandAndControl
            : null;
    }

    private static bool Is(string technique, string[] techniques) =>
        techniques.Any(t => technique.StartsWith(t, StringComparison.OrdinalIgnoreCase) && (technique.Length == t.Length || technique[t.Length] == '.'));
}

namespace Incidents.Alerts.Formats;

/// <summary>
/// Alerts that report someone looking rather than moving: port and vulnerability scans, host and share discovery.
/// A scanner touches every host, so such an alert from an internal host is filed on that host (the scanner), not on
/// each host it looked at, and reaches none of them laterally: one sweep makes at most one incident, on its source.
/// </summary>
internal static class Reconnaissance
{
    // ATT&CK Reconnaissance (TA0043) and the Discovery techniques a network sensor sees from outside a host.
    private static readonly string[] Techniques = ["T1595", "T1046", "T1018", "T1135", "T1590"];

    public static bool Is(string? technique, string? tactic, string? category, string title) =>
        tactic == "TA0043"
        || (technique is not null && IsDiscoveryTechnique(technique))
        || (category is not null && category.Contains("scan", StringComparison.OrdinalIgnoreCase))
        // Emerging Threats files its scan signatures under SCAN (Suricata and Snort rule sets).
        || title.StartsWith("ET SCAN ", StringComparison.Ordinal)
        || title.StartsWith("GPL SCAN ", StringComparison.Ordinal);

    // A loop, not Any with a lambda: this runs for every alert, and the lambda would capture (allocate) per call.
    private static bool IsDiscoveryTechnique(string technique)
    {
        foreach (var prefix in Techniques)
        {
            if (technique.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

namespace Incidents.Alerts.Tests;

/// <summary>Scans and discovery are filed on the scanning host: a sweep over the estate lands on one host grain.</summary>
public sealed class ReconnaissanceTests
{
    private static string Native(string title, string? technique = null, string? category = null, string? tactic = null)
    {
        var extra = string.Concat(
            technique is null ? "" : $",\"technique\":\"{technique}\"",
            category is null ? "" : $",\"category\":\"{category}\"",
            tactic is null ? "" : $",\"tactic\":\"{tactic}\"");
        return "{\"source\":\"suricata\",\"time\":\"2026-12-01T02:00:00Z\",\"title\":\"" + title + "\",\"severity\":\"medium\",\"ruleId\":\"2010935\""
            + extra + ",\"src\":{\"ip\":\"10.9.9.5\",\"port\":40000},\"dst\":{\"ip\":\"10.1.2.7\",\"port\":445}}";
    }

    [Theory]
    [InlineData("ET SCAN Suspicious inbound to MSSQL port 1433", null, null, null)]
    [InlineData("Nessus probe", "T1046", null, null)]
    [InlineData("Active scanning", "T1595.002", null, null)]
    [InlineData("Probe", null, "Detection of a Network Scan", null)]
    [InlineData("Probe", null, null, "TA0043")]
    public void A_scan_is_filed_on_its_internal_source_first(string title, string? technique, string? category, string? tactic)
    {
        var alert = Normalizing.Accepted(Native(title, technique, category, tactic));

        Assert.True(alert.Reconnaissance);
        Assert.Equal(["10.9.9.5", "10.1.2.7"], alert.Hosts);
    }

    [Theory]
    [InlineData("ET EXPLOIT Possible ETERNALBLUE MS17-010", "T1210", "Attempted Administrator Privilege Gain")]
    [InlineData("SCAN in the middle is not a scan rule", null, null)]
    public void Anything_else_is_filed_on_its_internal_destination_first(string title, string? technique, string? category)
    {
        var alert = Normalizing.Accepted(Native(title, technique, category));

        Assert.False(alert.Reconnaissance);
        Assert.Equal(["10.1.2.7", "10.9.9.5"], alert.Hosts);
    }
}

using Incidents.Contracts.Alerts;
using Incidents.Grains.Correlation;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>The tactic and attack category of an alert, as routing reads them.</summary>
public sealed class AttackCategoriesTests
{
    private static readonly EndpointSummary Outside = new("192.0.2.7", 443, null, null, IsInternal: false);
    private static readonly EndpointSummary Inside = new("10.0.0.7", 443, null, null, IsInternal: true);

    [Theory]
    [InlineData("TA0010", null, "TA0010")]
    [InlineData("ta0011", null, "TA0011")]
    [InlineData(null, "T1048.003", "TA0010")]
    [InlineData(null, "T1071.001", "TA0011")]
    [InlineData(null, "T1021.002", "TA0008")]
    [InlineData("not-a-tactic", "T1041", "TA0010")]
    [InlineData(null, "T1059", null)]
    [InlineData(null, null, null)]
    public void The_tactic_is_the_tools_else_its_techniques(string? tactic, string? technique, string? expected) =>
        Assert.Equal(expected, AttackCategories.Tactic(TestAlerts.On("h") with { Tactic = tactic, Technique = technique }));

    [Fact]
    public void Exfiltration_is_its_tactic_or_a_large_outbound_transfer_to_an_outside_host()
    {
        var transfer = TestAlerts.On("h") with { Title = "ET POLICY Large Outbound Transfer to External Host", Dst = Outside };
        Assert.Equal("exfiltration", AttackCategories.Category(transfer, null));
        Assert.Null(AttackCategories.Category(transfer with { Dst = Inside }, null)); // a backup to a file server is not
        Assert.Equal("exfiltration", AttackCategories.Category(TestAlerts.On("h"), "TA0010"));
    }

    [Fact]
    public void Command_and_control_is_its_tactic_or_a_sensors_words_for_it()
    {
        Assert.Equal("command-and-control", AttackCategories.Category(TestAlerts.On("h") with { Title = "ET MALWARE Cobalt Strike Beacon Observed" }, null));
        Assert.Equal("command-and-control", AttackCategories.Category(TestAlerts.On("h") with { Title = "ET CNC Feodo Tracker Reported CnC Server" }, null));
        Assert.Equal("command-and-control", AttackCategories.Category(TestAlerts.On("h"), "TA0011"));
        Assert.Null(AttackCategories.Category(TestAlerts.On("h") with { Title = "ET SCAN Nmap Scripting Engine" }, null));
    }
}

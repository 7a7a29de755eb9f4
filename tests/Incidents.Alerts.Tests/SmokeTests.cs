namespace Incidents.Alerts.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Severity_scale_orders_critical_highest() => Assert.True(Severity.Critical > Severity.High);
}

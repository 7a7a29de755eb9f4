using Incidents.Contracts.Alerts;

namespace Incidents.Grains.Tests;

/// <summary>Alerts as the front door hands them to grains, each unique unless told otherwise.</summary>
internal static class TestAlerts
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static int _next;

    public static AlertSummary On(string host, Severity severity = Severity.High, int minute = 0, params string[] otherHosts)
    {
        var n = Interlocked.Increment(ref _next);
        var id = $"{n:x32}";
        return new AlertSummary
        {
            Id = id,
            Fingerprint = $"f{id[1..]}",
            Source = "test",
            Time = Start.AddMinutes(minute),
            Title = $"Test alert {n}",
            Severity = severity,
            Hosts = [host, .. otherHosts],
            User = null,
        };
    }

    /// <summary>A fresh host key, so that tests sharing one cluster never share a host.</summary>
    public static string NewHost() => $"host-{Guid.NewGuid():N}";
}

using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The rule that makes writing grain state behind their calls safe: an acknowledged batch stays in the ingest journal
/// until every grain it reached has written its state, even when a silo dies first. A silo dies unnoticed for up to
/// the membership's detection time, and a grain's change waits up to the state write delay; the journal keeps a batch
/// for its retention. Retention must outlast the two together, or a dead silo's unwritten alerts are lost with it.
/// Both the API (which keeps the journal) and each silo (which writes the state) check it at start.
/// </summary>
public static class WriteBehindSafety
{
    public const string RetentionKey = "Incidents:Journal:Retention";
    public const string WriteDelayKey = "Incidents:Correlation:StateWriteDelay";

    public static readonly TimeSpan DefaultRetention = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan DefaultWriteDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Orleans' defaults: a silo missing 3 probes of 5 s is voted dead, and other silos see it within the 60 s table
    /// refresh. The silo checks with its own membership settings; the API, which has none, with these.
    /// </summary>
    public static readonly TimeSpan DefaultDeathDetection = TimeSpan.FromSeconds(75);

    public static TimeSpan Retention(IConfiguration configuration) => configuration.GetValue<TimeSpan?>(RetentionKey) ?? DefaultRetention;

    public static TimeSpan WriteDelay(IConfiguration configuration) => configuration.GetValue<TimeSpan?>(WriteDelayKey) ?? DefaultWriteDelay;

    /// <summary>Why the settings break the rule, naming them; null when they keep it.</summary>
    public static string? Violation(TimeSpan retention, TimeSpan writeDelay, TimeSpan deathDetection) =>
        retention > writeDelay + deathDetection
            ? null
            : $"'{RetentionKey}' ({retention}) must be longer than '{WriteDelayKey}' ({writeDelay}) plus the time to declare a silo dead "
              + $"({deathDetection}): otherwise a silo that dies with unwritten grain state takes acknowledged alerts with it, "
              + "because the journal has already let them go. Raise the retention or lower the write delay.";
}

using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Triage;

/// <summary>
/// What triage learns by: an alert's rule id, or its title for a tool that gives none (a title is how such a tool
/// names its detection).
/// </summary>
public static class RuleKey
{
    private const string TitlePrefix = "title:";

    public static string Of(AlertSummary alert) => alert.RuleId ?? TitlePrefix + alert.Title;

    /// <summary>How reasons name it: <c>rule 2001219</c>, or <c>"Nmap scan"</c>.</summary>
    public static string Describe(string key) =>
        key.StartsWith(TitlePrefix, StringComparison.Ordinal) ? $"\"{key[TitlePrefix.Length..]}\"" : $"rule {key}";

    /// <summary>The rule id, or null for a key made of a title.</summary>
    public static string? RuleId(string key) => key.StartsWith(TitlePrefix, StringComparison.Ordinal) ? null : key;

    /// <summary>The title a key made of a title holds.</summary>
    public static string? Title(string key) => key.StartsWith(TitlePrefix, StringComparison.Ordinal) ? key[TitlePrefix.Length..] : null;

    /// <summary>Event time in whole hours since 1970: the unit baselines count in.</summary>
    public static long Hour(DateTimeOffset time) => (long)Math.Floor(time.ToUnixTimeSeconds() / 3600.0);
}

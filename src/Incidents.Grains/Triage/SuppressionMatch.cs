using System.Net;
using System.Text.RegularExpressions;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Triage;

/// <summary>Whether a suppression matches an alert: every field it gives, exactly as its documentation says.</summary>
public static class SuppressionMatch
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(50);

    public static bool Matches(Suppression suppression, AlertSummary alert, DateTimeOffset now) =>
        (suppression.ExpiresAt is not { } expires || now < expires)
        && (suppression.RuleId is not { } rule || string.Equals(alert.RuleId, rule, StringComparison.Ordinal))
        && (suppression.Title is not { } title || TitleMatches(title, alert.Title))
        && (suppression.Source is not { } source || AddressIn(alert.Src?.Ip, source))
        && (suppression.Destination is not { } destination || AddressIn(alert.Dst?.Ip, destination))
        && (suppression.Host is not { } host || alert.Hosts.Contains(host, StringComparer.Ordinal))
        && (suppression.User is not { } user || string.Equals(alert.User, user, StringComparison.OrdinalIgnoreCase))
        && (suppression.Observable is not { } observable || alert.Observables.Contains(observable, StringComparer.OrdinalIgnoreCase));

    /// <summary>True when the text is an address or a CIDR network this code can match on.</summary>
    public static bool IsAddressOrNetwork(string text) => IPAddress.TryParse(text, out _) || IPNetwork.TryParse(text, out _);

    private static bool AddressIn(string? ip, string addressOrNetwork)
    {
        if (ip is null || !IPAddress.TryParse(ip, out var address))
        {
            return false;
        }

        if (IPAddress.TryParse(addressOrNetwork, out var single))
        {
            return address.Equals(single);
        }

        return IPNetwork.TryParse(addressOrNetwork, out var network) && network.Contains(address);
    }

    // '*' is any text; everything else is literal. A bounded regex: the pattern is an admin's, the title a tool's.
    private static bool TitleMatches(string pattern, string title) =>
        Regex.IsMatch(title, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking, PatternTimeout);
}

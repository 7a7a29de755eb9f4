using System.Net;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Triage;

/// <summary>Whether a suppression matches an alert: every field it gives, exactly as its documentation says.</summary>
public static class SuppressionMatch
{
    public static bool Matches(Suppression suppression, AlertSummary alert, DateTimeOffset now) =>
        (suppression.ExpiresAt is not { } expires || now < expires)
        && (suppression.RuleId is not { } rule || string.Equals(alert.RuleId, rule, StringComparison.Ordinal))
        && (suppression.Title is not { } title || TitleMatches(title, alert.Title))
        && (suppression.Source is not { } source || AddressIn(alert.Src?.Ip, source))
        && (suppression.Destination is not { } destination || AddressIn(alert.Dst?.Ip, destination))
        && (suppression.Host is not { } host || alert.Hosts.Contains(host, StringComparer.Ordinal))
        && (suppression.User is not { } user || string.Equals(alert.User, user, StringComparison.OrdinalIgnoreCase))
        && (suppression.Observable is not { } observable || alert.Observables.Contains(observable, StringComparer.OrdinalIgnoreCase));

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

    // '*' is any text; everything else is literal, in any case. Matched by its literal parts in order rather than by a
    // regex built for each alert: every alert of a scanner's sweep is checked against every suppression.
    private static bool TitleMatches(string pattern, string title)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, title, StringComparison.OrdinalIgnoreCase);
        }

        var (first, last) = (parts[0], parts[^1]);
        if (title.Length < first.Length + last.Length
            || !title.StartsWith(first, StringComparison.OrdinalIgnoreCase) || !title.EndsWith(last, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = title.AsSpan(first.Length, title.Length - first.Length - last.Length);
        foreach (var part in parts.AsSpan(1, parts.Length - 2))
        {
            var at = rest.IndexOf(part, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + part.Length)..];
        }

        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using Incidents.Alerts.Networks;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Puts observable values in one spelling, so that the same indicator from two tools is one observable:
/// addresses canonical, domains and hashes lowercase.
/// </summary>
internal static class ObservableValues
{
    public static Observable Create(ObservableKind kind, string value, string field) => kind switch
    {
        ObservableKind.Ip => new(kind, CanonicalIp(value, field)),
        ObservableKind.Domain or ObservableKind.FileHash => new(kind, value.ToLowerInvariant()),
        _ => new(kind, value),
    };

    /// <summary>A host name as tools log it (an HTTP Host, a TLS SNI) may be an address literal.</summary>
    public static Observable FromHostName(string hostName) =>
        TryCanonicalIp(hostName, out string? ip)
            ? new(ObservableKind.Ip, ip)
            : new(ObservableKind.Domain, hostName.ToLowerInvariant());

    private static string CanonicalIp(string value, string field) =>
        TryCanonicalIp(value, out string? ip) ? ip : throw AlertErrors.NotA(field, "an IP address", value);

    private static bool TryCanonicalIp(string value, [NotNullWhen(true)] out string? ip)
    {
        ip = IpAddressText.TryParse(value.AsSpan(), out var address) ? address.ToString() : null;
        return ip is not null;
    }

    /// <summary>
    /// The URL of an HTTP request as a sensor logs it: the Host header and the request target. A target that is
    /// already absolute (a proxy request) stands alone; one that is not a path (CONNECT, OPTIONS *) is no URL.
    /// </summary>
    public static string? HttpUrl(string? hostName, string target)
    {
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return target;
        }

        return hostName is not null && target.StartsWith('/') ? string.Concat("http://", hostName, target) : null;
    }
}

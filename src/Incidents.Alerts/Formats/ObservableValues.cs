using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
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

    /// <summary>Adds the value, when there is one, as <see cref="Create"/> spells it; <paramref name="field"/> names it if it must be an address and is not.</summary>
    public static void Add(List<Observable> observables, ObservableKind kind, string? value, string field)
    {
        if (value is not null)
        {
            observables.Add(Create(kind, value, field));
        }
    }

    /// <summary>As the other overload, for a kind that is never refused (any but <see cref="ObservableKind.Ip"/>).</summary>
    public static void Add(List<Observable> observables, ObservableKind kind, string? value)
    {
        Debug.Assert(kind != ObservableKind.Ip, "an address is checked, and an error must name its field");
        Add(observables, kind, value, field: "");
    }

    /// <summary>Adds a host name, when there is one, as <see cref="FromHostName"/> spells it.</summary>
    public static void AddHostName(List<Observable> observables, string? hostName)
    {
        if (hostName is not null)
        {
            observables.Add(FromHostName(hostName));
        }
    }

    /// <summary>Adds an address, when there is one.</summary>
    public static void AddIp(List<Observable> observables, IPAddress? ip)
    {
        if (ip is not null)
        {
            observables.Add(new(ObservableKind.Ip, ip.ToString()));
        }
    }

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

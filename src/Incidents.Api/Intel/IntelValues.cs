using System.Globalization;
using System.Net;
using Incidents.Contracts.Intel;

namespace Incidents.Api.Intel;

/// <summary>
/// An indicator's value checked exactly and normalised as alerts normalise theirs, so that a lookup is one exact match:
/// an address canonical, a network by its first address and prefix, a domain or a hash in lower case.
/// </summary>
public static class IntelValues
{
    public const int MaxValue = 2_048;

    public static (string? Value, string? Problem) Normalise(IndicatorKind kind, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > MaxValue || raw.Any(char.IsControl))
        {
            return (null, $"the value is text of 1 to {MaxValue} characters without control characters");
        }

        raw = raw.Trim();
        switch (kind)
        {
            case IndicatorKind.Ip:
                return IPAddress.TryParse(raw, out var address) && !raw.Contains('/', StringComparison.Ordinal)
                    ? (Canonical(address), null)
                    : (null, $"'{Echo(raw)}' is not an IP address");
            case IndicatorKind.Network:
                if (!IPNetwork.TryParse(raw, out var network))
                {
                    return (null, $"'{Echo(raw)}' is not a network in CIDR form (10.0.0.0/8)");
                }

                // A single address written as a network is that address, looked up exactly; a network broader than a /8
                // (a /32 in IPv6) would make much of the internet known bad.
                var v4 = network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
                return network.PrefixLength == (v4 ? 32 : 128) ? (null, "use an address, not a /32 or /128 network")
                    : network.PrefixLength < (v4 ? 8 : 32) ? (null, $"'{Echo(raw)}' is broader than a {(v4 ? "/8" : "/32")}: it would mark much of the internet")
                    : ($"{Canonical(network.BaseAddress)}/{network.PrefixLength.ToString(CultureInfo.InvariantCulture)}", null);
            case IndicatorKind.Domain:
                var domain = raw.TrimEnd('.').ToLowerInvariant();
                return domain.Length is > 0 and <= 253 && domain.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                    && !IPAddress.TryParse(domain, out _)
                    ? (domain, null)
                    : (null, $"'{Echo(raw)}' is not a domain name");
            case IndicatorKind.Url:
                return Uri.TryCreate(raw, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ftp"
                    ? (raw, null)
                    : (null, $"'{Echo(raw)}' is not an absolute http, https or ftp URL");
            default:
                var length = kind switch { IndicatorKind.Md5 => 32, IndicatorKind.Sha1 => 40, _ => 64 };
                return raw.Length == length && raw.All(char.IsAsciiHexDigit)
                    ? (raw.ToLowerInvariant(), null)
                    : (null, $"'{Echo(raw)}' is not a {kind.ToString().ToUpperInvariant()} hash ({length} hex digits)");
        }
    }

    /// <summary>What kind of value someone looks up: an address, a network, a URL, a hash by its length, else a domain.</summary>
    public static IndicatorKind Guess(string value) =>
        IPAddress.TryParse(value, out _) && !value.Contains('/', StringComparison.Ordinal) ? IndicatorKind.Ip
        : value.Contains("://", StringComparison.Ordinal) ? IndicatorKind.Url
        : value.Contains('/', StringComparison.Ordinal) ? IndicatorKind.Network
        : value.All(char.IsAsciiHexDigit) && value.Length is 32 or 40 or 64
            ? value.Length switch { 32 => IndicatorKind.Md5, 40 => IndicatorKind.Sha1, _ => IndicatorKind.Sha256 }
        : IndicatorKind.Domain;

    private static string Canonical(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>What of a bad value is said back: short, and without anything that is not plain text.</summary>
    private static string Echo(string raw) => raw.Length > 80 ? raw[..80] + "…" : raw;
}

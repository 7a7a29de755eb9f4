using System.Net;
using System.Net.Sockets;

namespace Incidents.Contracts.Escalation;

/// <summary>
/// Which webhook URLs are taken, and which addresses a delivery may connect to: absolute http(s), no user info, at
/// most 2,000 characters; no loopback, private, link-local (cloud metadata), shared, multicast or unspecified address
/// unless private networks are allowed (<c>Incidents:Escalation:Webhooks:AllowPrivateNetworks</c>). The API checks the
/// URL as written; the sender checks every address the name resolves to when it connects, so that a name that later
/// resolves inside (DNS rebinding) is refused too.
/// </summary>
public static class WebhookUrls
{
    public const string AllowPrivateNetworksSetting = "Incidents:Escalation:Webhooks:AllowPrivateNetworks";
    public const int MaxLength = 2_000;

    private static readonly string[] InternalNames = ["localhost", "metadata", "metadata.google.internal", "instance-data"];
    private static readonly string[] InternalSuffixes = [".localhost", ".internal", ".local"];

    /// <summary>Null when <paramref name="text"/> is a webhook URL this installation sends to; else why not.</summary>
    public static string? Problem(string? text, bool allowPrivateNetworks)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return $"'url' is required, at most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "'url' must be an absolute http or https URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "'url' must not hold a user name or password: the signature authenticates each delivery.";
        }

        if (uri.Fragment.Length > 0)
        {
            return "'url' must not have a fragment.";
        }

        if (allowPrivateNetworks)
        {
            return null;
        }

        var host = uri.IdnHost.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        if (IPAddress.TryParse(host, out var address) ? !IsAllowed(address, false) : IsInternalName(host))
        {
            return $"'url' names an internal host ({host}): loopback, private, link-local and cloud metadata addresses are refused.";
        }

        return null;
    }

    /// <summary>
    /// The URL as a view shows it: its scheme and host only. Its path and query often are the credential (a Slack
    /// webhook's last segment, a Teams workflow's <c>sig</c>), so they never come back out, like the secret.
    /// </summary>
    public static string Shown(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.PathAndQuery is "/" or "" ? uri.GetLeftPart(UriPartial.Authority) + "/" : uri.GetLeftPart(UriPartial.Authority) + "/…"
            : "…";

    /// <summary>Whether a delivery may connect to <paramref name="address"/>.</summary>
    public static bool IsAllowed(IPAddress address, bool allowPrivateNetworks)
    {
        if (allowPrivateNetworks)
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast and reserved
                || (b[0] == 100 && b[1] is >= 64 and <= 127) // shared (carrier-grade NAT)
                || (b[0] == 169 && b[1] == 254) // link-local: cloud metadata (169.254.169.254)
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && b[1] is 18 or 19));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var v6 = address.GetAddressBytes();
        return !(IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6Any.Equals(address)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv4MappedToIPv6
            || (v6[0] & 0xfe) == 0xfc // unique local (fc00::/7)
            || (v6[0] == 0x20 && v6[1] == 0x02) // 6to4, which embeds any IPv4 address
            || (v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b)); // NAT64
    }

    private static bool IsInternalName(string host) =>
        Array.Exists(InternalNames, n => n == host) || Array.Exists(InternalSuffixes, s => host.EndsWith(s, StringComparison.Ordinal))
        || !host.Contains('.', StringComparison.Ordinal); // a bare name resolves inside (search domains)
}

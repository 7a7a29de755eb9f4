using System.Net;
using Incidents.Contracts.Tenants;

namespace Incidents.Api.Hosts;

/// <summary>A host named in a path or query, keyed as the normaliser keys hosts: an address canonical, a name lowercase.</summary>
public static class HostKeys
{
    public const string Rule = "A host is an IP address or a name of at most 255 bytes.";

    public static bool TryNormalize(string text, out string key)
    {
        key = "";
        if (IPAddress.TryParse(text, out var address) && text.Length <= 45)
        {
            key = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
            return true;
        }

        // Any name an alert may carry (encoded in its grain key, so that no name reaches another tenant's).
        var lowered = text.ToLowerInvariant();
        if (text.Length == 0 || !EntityKeys.IsValidName(lowered))
        {
            return false;
        }

        key = lowered;
        return true;
    }
}

using System.Net;

namespace Incidents.Api.Hosts;

/// <summary>Host keys as the normaliser makes them: a lowercase name, or an address in canonical form.</summary>
public static class HostKeys
{
    public const string Rule = "A host is a DNS name (letters, digits, '-', '_', '.', up to 253 characters) or an IP address.";

    public static bool TryNormalize(string text, out string key)
    {
        key = "";
        if (text.Length is 0 or > 253)
        {
            return false;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            key = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
            return true;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        key = text.ToLowerInvariant();
        return true;
    }
}

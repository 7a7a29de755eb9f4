using System.Buffers;
using System.Net;
using Incidents.Alerts.Formats;
using Incidents.Alerts.Networks;

namespace Incidents.Alerts.Events;

/// <summary>
/// How context events name hosts, so that one machine has one key whichever source names it.
/// </summary>
/// <remarks>
/// A name is lowercased, as alerts' host names are; a fully qualified name is cut to its first label
/// (<c>WORKSTATION5.theshire.local</c> is <c>workstation5</c>): Windows writes the FQDN in <c>Hostname</c> but the
/// NetBIOS name in <c>WorkstationName</c> and <c>TargetServerName</c>, and both must be the same host. The cost is
/// that two hosts with one first label in two domains share a key; an estate with such names should name hosts by
/// address. A name that is an IP address is an address, not a name.
/// </remarks>
internal static class HostNames
{
    private static readonly SearchValues<char> AddressCharacters = SearchValues.Create("0123456789.");

    /// <summary>
    /// Reads a host given as a name or an address into <paramref name="ip"/> or <paramref name="name"/>; both stay
    /// null for <c>-</c> and the empty string.
    /// </summary>
    public static void Parse(string? text, string field, out IPAddress? ip, out string? name)
    {
        ip = null;
        name = null;
        if (text is null)
        {
            return;
        }

        var span = text.AsSpan().Trim().TrimStart('\\').TrimEnd('.');
        if (span.IsEmpty || span is "-")
        {
            return;
        }

        if (IpAddressText.TryParse(span, out var address))
        {
            ip = address;
            return;
        }

        // Digits and dots, or a colon, can only be a badly written address: "010.0.0.1" is not host "010".
        if (span.IndexOfAnyExcept(AddressCharacters) < 0 || span.Contains(':'))
        {
            throw AlertErrors.NotA(field, "a host name or an IP address", JsonValues.Echo(text));
        }

        int dot = span.IndexOf('.');
        var label = dot < 0 ? span : span[..dot];
        if (label.IsEmpty)
        {
            throw AlertErrors.NotA(field, "a host name", JsonValues.Echo(text));
        }

        name = ToLower(label);
    }

    /// <summary>Whether the text names the machine it is written on: <c>localhost</c>, a loopback address.</summary>
    public static bool IsLocal(string text)
    {
        var span = text.AsSpan().Trim();
        return span.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            span.StartsWith("localhost.", StringComparison.OrdinalIgnoreCase) ||
            (IpAddressText.TryParse(span, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Lowercase text from a span, without an intermediate string.</summary>
    public static string ToLower(ReadOnlySpan<char> text) =>
        string.Create(text.Length, text, static (destination, source) => source.ToLowerInvariant(destination));
}

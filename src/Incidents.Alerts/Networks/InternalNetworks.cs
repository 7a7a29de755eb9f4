using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Incidents.Alerts.Networks;

namespace Incidents.Alerts;

/// <summary>
/// The address ranges that belong to the estate. An endpoint inside them is one of our hosts, and alerts are
/// routed to such hosts. Lookups are linear over a handful of masks: no allocation, and fast enough for the
/// few dozen ranges a site has.
/// </summary>
public sealed class InternalNetworks
{
    private readonly (uint Network, uint Mask)[] _v4;
    private readonly (UInt128 Network, UInt128 Mask)[] _v6;
    private readonly string[] _cidrs;

    private InternalNetworks((uint, uint)[] v4, (UInt128, UInt128)[] v6, string[] cidrs)
    {
        _v4 = v4;
        _v6 = v6;
        _cidrs = cidrs;
    }

    /// <summary>
    /// Private (RFC 1918), loopback and link-local ranges for IPv4, and 0.0.0.0/8: a source there is a host with no
    /// address yet (a DHCP client), which cannot have come through a router. For IPv6: unique-local, link-local, loopback.
    /// </summary>
    public static InternalNetworks Default { get; } = Parse(
    [
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "0.0.0.0/8",
        "fc00::/7", "fe80::/10", "::1/128",
    ]);

    /// <summary>Ranges in CIDR notation (<c>10.0.0.0/8</c>, <c>fd00::/8</c>); a bare address is a single host.</summary>
    /// <exception cref="FormatException">An entry is not a CIDR, or has bits set after its prefix.</exception>
    public static InternalNetworks Parse(IEnumerable<string> cidrs)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        var v4 = new List<(uint, uint)>();
        var v6 = new List<(UInt128, UInt128)>();
        var texts = new List<string>();
        Span<byte> bytes = stackalloc byte[16];
        foreach (string cidr in cidrs)
        {
            var (address, prefixLength) = ParseCidr(cidr);
            address.TryWriteBytes(bytes, out int written);
            if (written == 4)
            {
                uint network = BinaryPrimitives.ReadUInt32BigEndian(bytes);
                uint mask = prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
                if ((network & mask) != network)
                {
                    throw HostBitsSet(cidr, prefixLength);
                }

                v4.Add((network, mask));
            }
            else
            {
                UInt128 network = BinaryPrimitives.ReadUInt128BigEndian(bytes);
                UInt128 mask = prefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefixLength);
                if ((network & mask) != network)
                {
                    throw HostBitsSet(cidr, prefixLength);
                }

                v6.Add((network, mask));
            }

            texts.Add(string.Create(CultureInfo.InvariantCulture, $"{address}/{prefixLength}"));
        }

        return new InternalNetworks([.. v4], [.. v6], [.. texts]);
    }

    /// <summary>Whether the address is in one of the ranges. IPv4-mapped IPv6 is looked up as IPv4.</summary>
    public bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out int written))
        {
            return false;
        }

        if (written == 4)
        {
            return ContainsV4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        return address.IsIPv4MappedToIPv6
            ? ContainsV4(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]))
            : ContainsV6(BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    /// <summary>Whether the text is an IP address in one of the ranges; false for anything that is not an address.</summary>
    public bool IsInternal(string ipText) =>
        ipText is not null && IpAddressText.TryParse(ipText.AsSpan(), out var address) && IsInternal(address);

    public override string ToString() => string.Join(", ", _cidrs);

    private bool ContainsV4(uint address)
    {
        foreach (var (network, mask) in _v4)
        {
            if ((address & mask) == network)
            {
                return true;
            }
        }

        return false;
    }

    private bool ContainsV6(UInt128 address)
    {
        foreach (var (network, mask) in _v6)
        {
            if ((address & mask) == network)
            {
                return true;
            }
        }

        return false;
    }

    private static (IPAddress Address, int PrefixLength) ParseCidr(string? cidr)
    {
        if (string.IsNullOrWhiteSpace(cidr))
        {
            throw new FormatException("An internal network is empty; expected CIDR notation such as 10.0.0.0/8.");
        }

        var text = cidr.AsSpan().Trim();
        int slash = text.IndexOf('/');
        if (!IpAddressText.TryParse(slash < 0 ? text : text[..slash], out var address))
        {
            throw new FormatException(
                $"Internal network '{cidr}' is not CIDR notation: the address part is not an IP address (expected e.g. 10.0.0.0/8 or fd00::/8).");
        }

        int maxLength = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int prefixLength = maxLength;
        if (slash >= 0 &&
            (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefixLength) ||
             prefixLength > maxLength))
        {
            throw new FormatException(
                $"Internal network '{cidr}' is not CIDR notation: the prefix length must be a number from 0 to {maxLength}.");
        }

        return (address, prefixLength);
    }

    // "10.1.0.0/8" is almost always a typo for 10.0.0.0/8 or 10.1.0.0/16: refuse it rather than guess.
    private static FormatException HostBitsSet(string cidr, int prefixLength) =>
        new($"Internal network '{cidr}' has address bits set after the /{prefixLength} prefix.");
}

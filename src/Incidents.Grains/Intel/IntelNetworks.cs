using System.Net;

namespace Incidents.Grains.Intel;

/// <summary>
/// Networks by prefix length and masked address: an address is looked up once per distinct prefix length (a few),
/// not tested against each of up to 10,000 networks. Plain code with no dependency (the benchmarks compile it alone).
/// </summary>
public sealed class IntelNetworks<T>
{
    public static readonly IntelNetworks<T> None = new([]);

    private readonly Dictionary<(bool V6, int Prefix, UInt128 Base), List<T>> _byBase = [];
    private readonly (bool V6, int Prefix)[] _prefixes;

    public IntelNetworks(IEnumerable<(IPNetwork Network, T Item)> networks)
    {
        foreach (var (network, indicator) in networks)
        {
            var (v6, bits) = Bits(network.BaseAddress);
            var key = (v6, network.PrefixLength, Mask(bits, v6, network.PrefixLength));
            if (!_byBase.TryGetValue(key, out var held))
            {
                _byBase[key] = held = [];
            }

            held.Add(indicator);
        }

        _prefixes = [.. _byBase.Keys.Select(k => (k.V6, k.Prefix)).Distinct()];
    }

    public IEnumerable<T> Holding(IPAddress address)
    {
        var (v6, bits) = Bits(address);
        foreach (var (family, prefix) in _prefixes)
        {
            if (family == v6 && _byBase.TryGetValue((v6, prefix, Mask(bits, v6, prefix)), out var held))
            {
                foreach (var indicator in held)
                {
                    yield return indicator;
                }
            }
        }
    }

    private static (bool V6, UInt128 Bits) Bits(IPAddress address)
    {
        var bytes = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).GetAddressBytes();
        UInt128 value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return (bytes.Length == 16, value);
    }

    private static UInt128 Mask(UInt128 bits, bool v6, int prefix)
    {
        var width = v6 ? 128 : 32;
        return prefix == 0 ? 0 : bits >> (width - prefix) << (width - prefix);
    }
}

using System.Net;

namespace Incidents.Grains.Intel;

/// <summary>
/// Networks by prefix length and masked address: an address is looked up once per distinct prefix length (a few),
/// not tested against each of up to 10,000 networks. Plain code with no dependency (the benchmarks compile it alone).
/// </summary>
public sealed class IntelNetworks<T>
{
    public static readonly IntelNetworks<T> None = new([]);

    // Below this many, testing each network is faster than a lookup per prefix length (IntelBenchmarks).
    private const int ListedUpTo = 64;

    private readonly Dictionary<(bool V6, int Prefix, UInt128 Base), List<T>> _byBase = [];
    private readonly (bool V6, int Prefix)[] _prefixes;
    private readonly (IPNetwork Network, T Item)[]? _listed;

    public IntelNetworks(IEnumerable<(IPNetwork Network, T Item)> networks)
    {
        var all = networks.ToArray();
        _listed = all.Length <= ListedUpTo ? all : null;
        foreach (var (network, indicator) in all)
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

    public IReadOnlyList<T> Holding(IPAddress address)
    {
        if (_listed is not null)
        {
            return Listed(address) ?? (IReadOnlyList<T>)[];
        }

        var (v6, bits) = Bits(address);
        List<T>? found = null;
        foreach (var (family, prefix) in _prefixes)
        {
            if (family == v6 && _byBase.TryGetValue((v6, prefix, Mask(bits, v6, prefix)), out var held))
            {
                (found ??= []).AddRange(held);
            }
        }

        return found ?? (IReadOnlyList<T>)[];
    }

    private List<T>? Listed(IPAddress address)
    {
        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        List<T>? found = null;
        foreach (var (network, item) in _listed!)
        {
            if (network.Contains(v4))
            {
                (found ??= []).Add(item);
            }
        }

        return found;
    }

    private static (bool V6, UInt128 Bits) Bits(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).TryWriteBytes(bytes, out var written);
        UInt128 value = 0;
        foreach (var b in bytes[..written])
        {
            value = (value << 8) | b;
        }

        return (written == 16, value);
    }

    private static UInt128 Mask(UInt128 bits, bool v6, int prefix)
    {
        var width = v6 ? 128 : 32;
        return prefix == 0 ? 0 : bits >> (width - prefix) << (width - prefix);
    }
}

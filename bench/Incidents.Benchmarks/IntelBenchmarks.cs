using System.Net;
using BenchmarkDotNet.Attributes;
using Incidents.Grains.Intel;

namespace Incidents.Benchmarks;

/// <summary>
/// Matching an alert's address against a tenant's network indicators, as each silo does for every alert: by prefix
/// length (<see cref="IntelNetworks"/>) against the baseline of testing each network in turn. 10,000 networks (the
/// most a tenant holds) of lengths /8 to /30; half the addresses fall in one.
/// </summary>
[MemoryDiagnoser]
public class IntelBenchmarks
{
    private const int Lookups = 1_000;
    private IntelNetworks<string> _byPrefix = null!;
    private (IPNetwork Network, string Name)[] _list = null!;
    private IPAddress[] _addresses = null!;

    [Params(100, 10_000)]
    public int Networks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var networks = Enumerable.Range(0, Networks).Select(_ =>
        {
            var prefix = random.Next(8, 31);
            var address = new IPAddress(BitConverter.GetBytes(random.Next()));
            var network = new IPNetwork(Masked(address, prefix), prefix);
            return (Network: network, Name: network.ToString());
        }).DistinctBy(n => n.Name).ToArray();
        _byPrefix = new IntelNetworks<string>(networks);
        _list = networks;
        _addresses = [.. Enumerable.Range(0, Lookups).Select(i => i % 2 == 0
            ? _list[random.Next(_list.Length)].Network.BaseAddress
            : new IPAddress(BitConverter.GetBytes(random.Next())))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lookups)]
    public int EachNetworkInTurn()
    {
        var hits = 0;
        foreach (var address in _addresses)
        {
            foreach (var (network, _) in _list)
            {
                hits += network.Contains(address) ? 1 : 0;
            }
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int ByPrefixLength()
    {
        var hits = 0;
        foreach (var address in _addresses)
        {
            foreach (var _ in _byPrefix.Holding(address))
            {
                hits++;
            }
        }

        return hits;
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        var bits = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) & (uint.MaxValue << (32 - prefix));
        return new IPAddress([(byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits]);
    }
}

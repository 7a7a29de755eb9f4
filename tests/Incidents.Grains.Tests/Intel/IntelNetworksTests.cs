using System.Net;
using Incidents.Contracts.Intel;
using Incidents.Grains.Intel;

namespace Incidents.Grains.Tests.Intel;

/// <summary>Network indicators matched by prefix length agree with testing each network, for IPv4 and IPv6.</summary>
public sealed class IntelNetworksTests
{
    private static Indicator Network(string cidr) => new() { Kind = IndicatorKind.Network, Value = cidr, Source = "test" };

    [Theory]
    [InlineData(0)] // few: tested in turn
    [InlineData(200)] // many: looked up by prefix length
    public void An_address_is_held_by_every_network_that_contains_it_and_no_other(int more)
    {
        var extra = new Random(more);
        string[] cidrs =
        [
            "223.166.0.0/15", "223.167.0.0/16", "10.0.0.0/8", "0.0.0.0/0", "2001:db8::/32", "2001:db8:1::/48", "45.1.2.0/24",
            .. Enumerable.Range(0, more).Select(_ => $"{extra.Next(1, 224)}.{extra.Next(256)}.0.0/16").Distinct(),
        ];
        var networks = new IntelNetworks<Indicator>(cidrs.Select(c => (IPNetwork.Parse(c), Network(c))));
        var random = new Random(3);
        var addresses = Enumerable.Range(0, 2_000).Select(i => i % 2 == 0
            ? new IPAddress(BitConverter.GetBytes(random.Next()))
            : IPAddress.Parse($"2001:db8:{random.Next(0, 3):x}::{random.Next(1, 9999):x}"))
            .Concat([IPAddress.Parse("223.167.1.9"), IPAddress.Parse("223.166.255.255"), IPAddress.Parse("45.1.2.9"), IPAddress.Parse("::ffff:45.1.2.9")]);

        foreach (var address in addresses)
        {
            var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var expected = cidrs.Where(c => IPNetwork.Parse(c).Contains(v4)).Order(StringComparer.Ordinal);
            Assert.Equal(expected, networks.Holding(address).Select(n => n.Value).Order(StringComparer.Ordinal));
        }
    }
}

using System.Net;

namespace Incidents.Alerts.Tests;

public sealed class InternalNetworksTests
{
    [Theory]
    [InlineData("10.0.0.0", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("172.15.255.255", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("192.169.0.1", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("169.254.10.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("224.0.0.251", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("fc00::1", true)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("febf:ffff::1", true)]
    [InlineData("fec0::1", false)]
    [InlineData("::1", true)]
    [InlineData("::2", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("::ffff:8.8.8.8", false)]
    public void Default_covers_private_loopback_and_link_local(string address, bool expected)
    {
        Assert.Equal(expected, InternalNetworks.Default.IsInternal(IPAddress.Parse(address)));
        Assert.Equal(expected, InternalNetworks.Default.IsInternal(address));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an ip")]
    [InlineData("10")]            // inet_aton would read 0.0.0.10
    [InlineData("10.1")]
    [InlineData("010.0.0.1")]     // and this as octal, 8.0.0.1
    [InlineData("0x0a.0.0.1")]
    [InlineData(" 10.0.0.1")]
    [InlineData("10.0.0.1/8")]
    [InlineData("[::1]")]
    [InlineData("fe80::1%eth0")]
    [InlineData("10.0.0.256")]
    public void Text_that_is_not_a_plain_address_is_not_internal(string text)
    {
        Assert.False(InternalNetworks.Default.IsInternal(text));
    }

    [Fact]
    public void Null_text_is_not_internal()
    {
        Assert.False(InternalNetworks.Default.IsInternal((string)null!));
    }

    [Fact]
    public void Parse_takes_cidrs_and_bare_addresses()
    {
        var networks = InternalNetworks.Parse(["203.0.113.0/24", " 198.51.100.7 ", "2001:db8:1::/48"]);
        Assert.True(networks.IsInternal("203.0.113.200"));
        Assert.False(networks.IsInternal("203.0.114.1"));
        Assert.True(networks.IsInternal("198.51.100.7"));
        Assert.False(networks.IsInternal("198.51.100.8"));
        Assert.True(networks.IsInternal("2001:db8:1:ffff::1"));
        Assert.False(networks.IsInternal("2001:db8:2::1"));
        Assert.False(networks.IsInternal("10.0.0.1")); // the site's list replaces the default
        Assert.Equal("203.0.113.0/24, 198.51.100.7/32, 2001:db8:1::/48", networks.ToString());
    }

    [Fact]
    public void Zero_prefix_covers_a_whole_family()
    {
        var networks = InternalNetworks.Parse(["0.0.0.0/0"]);
        Assert.True(networks.IsInternal("8.8.8.8"));
        Assert.True(networks.IsInternal("::ffff:8.8.8.8"));
        Assert.False(networks.IsInternal("2001:db8::1"));
        Assert.True(InternalNetworks.Parse(["::/0"]).IsInternal("2001:db8::1"));
    }

    [Fact]
    public void Empty_list_makes_nothing_internal()
    {
        Assert.False(InternalNetworks.Parse([]).IsInternal("10.0.0.1"));
    }

    [Theory]
    [InlineData("banana", "Internal network 'banana' is not CIDR notation: the address part is not an IP address (expected e.g. 10.0.0.0/8 or fd00::/8).")]
    [InlineData("10.0.0/8", "Internal network '10.0.0/8' is not CIDR notation: the address part is not an IP address (expected e.g. 10.0.0.0/8 or fd00::/8).")]
    [InlineData("10.0.0.0/33", "Internal network '10.0.0.0/33' is not CIDR notation: the prefix length must be a number from 0 to 32.")]
    [InlineData("10.0.0.0/", "Internal network '10.0.0.0/' is not CIDR notation: the prefix length must be a number from 0 to 32.")]
    [InlineData("10.0.0.0/-1", "Internal network '10.0.0.0/-1' is not CIDR notation: the prefix length must be a number from 0 to 32.")]
    [InlineData("10.0.0.0/8/8", "Internal network '10.0.0.0/8/8' is not CIDR notation: the prefix length must be a number from 0 to 32.")]
    [InlineData("fd00::/129", "Internal network 'fd00::/129' is not CIDR notation: the prefix length must be a number from 0 to 128.")]
    [InlineData("10.1.0.0/8", "Internal network '10.1.0.0/8' has address bits set after the /8 prefix.")]
    [InlineData("fd00::1/8", "Internal network 'fd00::1/8' has address bits set after the /8 prefix.")]
    [InlineData("", "An internal network is empty; expected CIDR notation such as 10.0.0.0/8.")]
    public void Bad_cidr_is_a_clear_format_error(string cidr, string expected)
    {
        var error = Assert.Throws<FormatException>(() => InternalNetworks.Parse(["10.0.0.0/8", cidr]));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Lookup_by_address_does_not_allocate()
    {
        var v4 = IPAddress.Parse("192.168.7.7");
        var v6 = IPAddress.Parse("2001:db8::1");
        var mapped = IPAddress.Parse("::ffff:10.0.0.1");
        bool any = false;
        for (int i = 0; i < 100; i++)
        {
            any |= InternalNetworks.Default.IsInternal(v4) | InternalNetworks.Default.IsInternal(v6) | InternalNetworks.Default.IsInternal(mapped);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            any |= InternalNetworks.Default.IsInternal(v4) | InternalNetworks.Default.IsInternal(v6) | InternalNetworks.Default.IsInternal(mapped);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(any);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => InternalNetworks.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => InternalNetworks.Default.IsInternal((IPAddress)null!));
    }
}

using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>The shared rules that decide which of our hosts an alert belongs to, whatever the format.</summary>
public sealed class HostAttributionTests
{
    [Fact]
    public void Observed_host_then_internal_destination_then_internal_source()
    {
        var alert = Accepted(host: "EDR-Host", src: new() { ["ip"] = "10.0.0.5" }, dst: new() { ["ip"] = "192.168.1.9" });
        Assert.Equal(["edr-host", "192.168.1.9", "10.0.0.5"], alert.Hosts);
    }

    [Fact]
    public void Host_name_is_the_key_when_an_endpoint_has_one()
    {
        var alert = Accepted(src: new() { ["ip"] = "10.0.0.5", ["hostName"] = "WS-17.corp" }, dst: new() { ["ip"] = "10.0.0.9" });
        Assert.Equal(["10.0.0.9", "ws-17.corp"], alert.Hosts);
    }

    [Fact]
    public void A_named_host_without_an_address_is_ours()
    {
        var alert = Accepted(src: new() { ["ip"] = "198.51.100.1" }, dst: new() { ["hostName"] = "fs-01" });
        Assert.True(alert.DestinationEndpoint!.IsInternal);
        Assert.False(alert.SourceEndpoint!.IsInternal);
        Assert.Equal(["fs-01"], alert.Hosts);
    }

    [Fact]
    public void An_external_address_decides_even_with_a_host_name()
    {
        var alert = Accepted(host: "ws-1", dst: new() { ["ip"] = "203.0.113.10", ["hostName"] = "cdn.example" });
        Assert.False(alert.DestinationEndpoint!.IsInternal);
        Assert.Equal(["ws-1"], alert.Hosts);
    }

    [Fact]
    public void Each_host_is_listed_once()
    {
        var alert = Accepted(host: "WS-17", src: new() { ["ip"] = "10.0.0.5", ["hostName"] = "ws-17" }, dst: new() { ["ip"] = "10.0.0.5" });
        Assert.Equal(["ws-17", "10.0.0.5"], alert.Hosts);
    }

    [Fact]
    public void Ipv6_and_ipv4_mapped_keys_are_canonical()
    {
        var alert = Accepted(src: new() { ["ip"] = "FD00:0:0:0::0A" }, dst: new() { ["ip"] = "::ffff:192.168.0.1" });
        Assert.Equal(["192.168.0.1", "fd00::a"], alert.Hosts);
        Assert.Equal("fd00::a", alert.SourceEndpoint!.Ip);
    }

    [Fact]
    public void Endpoint_with_only_a_user_is_kept_but_is_no_host()
    {
        var alert = Accepted(host: "ws-1", src: new() { ["user"] = "alice" });
        Assert.Equal(new NetworkEndpoint { User = "alice", IsInternal = false }, alert.SourceEndpoint);
        Assert.Equal(["ws-1"], alert.Hosts);
    }

    [Fact]
    public void Empty_endpoint_objects_are_absent()
    {
        var alert = Accepted(host: "ws-1", src: [], dst: new() { ["ip"] = null, ["port"] = null });
        Assert.Null(alert.SourceEndpoint);
        Assert.Null(alert.DestinationEndpoint);
    }

    [Fact]
    public void Endpoint_addresses_lead_the_observables_without_repeats()
    {
        var item = Item(src: new() { ["ip"] = "10.0.0.5" }, dst: new() { ["ip"] = "10.0.0.5" });
        item["observables"] = JsonNode.Parse("""[{"type":"ip","value":"10.0.0.5"},{"type":"url","value":"http://x/"},{"type":"url","value":"http://x/"}]""");
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal([new Observable(ObservableKind.Ip, "10.0.0.5"), new Observable(ObservableKind.Url, "http://x/")], alert.Observables);
    }

    [Fact]
    public void Many_observables_are_made_distinct_too()
    {
        var item = Item(host: "ws-1");
        var list = new JsonArray();
        for (int i = 0; i < 500; i++)
        {
            list.Add(new JsonObject { ["type"] = "domain", ["value"] = $"D{i % 100}.example" });
        }

        item["observables"] = list;
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal(100, alert.Observables.Count);
        Assert.Equal("d0.example", alert.Observables[0].Value);
        Assert.Equal("d99.example", alert.Observables[99].Value);
    }

    private static Alert Accepted(string? host = null, JsonObject? src = null, JsonObject? dst = null) =>
        Normalizing.Accepted(Item(host, src, dst).ToJsonString());

    private static JsonObject Item(string? host = null, JsonObject? src = null, JsonObject? dst = null)
    {
        var item = NativeSamples.Minimal();
        item.Remove("host");
        if (host is not null)
        {
            item["host"] = host;
        }

        if (src is not null)
        {
            item["src"] = src;
        }

        if (dst is not null)
        {
            item["dst"] = dst;
        }

        return item;
    }
}

using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>
/// Host and account names become (encoded) grain keys and storage names: at most 255 bytes, no control characters.
/// Anything else a tool may write in a name, paths and dots included, is kept as it is.
/// </summary>
public sealed class EntityNameTests
{
    [Theory]
    [InlineData("host")]
    [InlineData("user")]
    public void A_name_past_255_bytes_is_the_items_error(string field)
    {
        var item = NativeSamples.Minimal();
        item[field] = new string('é', 128); // 256 bytes in 128 characters
        Assert.Contains("is longer than 255 bytes", Normalizing.Rejected(item.ToJsonString()), StringComparison.Ordinal);

        item[field] = new string('a', 255);
        Assert.True(Normalizing.Normalize(item.ToJsonString()).IsSuccess);
    }

    [Theory]
    [InlineData("ws\u0000x")]
    [InlineData("ws\nx")]
    [InlineData("ws\u007f")]
    public void A_name_with_a_control_character_is_the_items_error(string name)
    {
        var item = NativeSamples.Minimal();
        item["host"] = name;
        Assert.Equal("the host name holds a control character", Normalizing.Rejected(item.ToJsonString()));

        var endpoint = NativeSamples.Minimal();
        endpoint.Remove("host");
        endpoint["dst"] = new JsonObject { ["hostName"] = name };
        Assert.Equal("the host name holds a control character", Normalizing.Rejected(endpoint.ToJsonString()));
    }

    [Theory]
    [InlineData("../default/victim")]
    [InlineData("ws..01")]
    [InlineData("corp\\alice")]
    public void Odd_names_are_kept_as_they_are(string name)
    {
        var item = NativeSamples.Minimal();
        item["host"] = name;
        item["user"] = name;
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal(name, alert.Hosts[0]);
        Assert.Equal(name, alert.User);
    }
}

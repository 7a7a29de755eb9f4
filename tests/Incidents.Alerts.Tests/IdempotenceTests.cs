using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>The same alert delivered twice, or re-serialised on the way, is recognised as the same alert.</summary>
public sealed class IdempotenceTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static TheoryData<string> Items()
    {
        var data = new TheoryData<string> { NativeSamples.FullExample };
        foreach (int index in new[] { 0, 1, 16, 62, 89, 160 })
        {
            data.Add(Encoding.UTF8.GetString(SuricataSamples.Items[index].Span));
        }

        foreach (string item in NativeSamples.Varied().Take(5))
        {
            data.Add(item);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void Same_bytes_give_the_same_ids(string item)
    {
        var first = Normalizing.Accepted(item);
        var second = Normalizing.Accepted(item);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal(first.Hosts, second.Hosts);
        Assert.Equal(first.Observables, second.Observables);
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void Whitespace_changes_keep_the_fingerprint(string item)
    {
        var compact = JsonNode.Parse(item)!.ToJsonString();
        var indented = JsonNode.Parse(item)!.ToJsonString(Indented);
        var original = Normalizing.Accepted(item);
        Assert.Equal(original.Fingerprint, Normalizing.Accepted(compact).Fingerprint);
        Assert.Equal(original.Fingerprint, Normalizing.Accepted(indented).Fingerprint);
        Assert.Equal(original.Id, Normalizing.Accepted(indented).Id);
    }

    [Fact]
    public void Property_order_and_ignored_fields_keep_the_fingerprint()
    {
        var item = JsonNode.Parse(SuricataSamples.Minimal)!.AsObject();
        var reordered = new JsonObject();
        foreach (var property in item.Reverse().ToList())
        {
            item.Remove(property.Key);
            reordered[property.Key] = property.Value;
        }

        reordered["pcap_cnt"] = 12345;
        Assert.Equal(
            Normalizing.Accepted(SuricataSamples.Minimal).Fingerprint,
            Normalizing.Accepted(reordered.ToJsonString()).Fingerprint);
    }

    [Fact]
    public void The_same_instant_in_another_offset_keeps_the_fingerprint()
    {
        string utc = SuricataSamples.Minimal.Replace("2017-03-25T16:49:58.856335-0600", "2017-03-25T22:49:58.856335Z", StringComparison.Ordinal);
        Assert.Equal(Normalizing.Accepted(SuricataSamples.Minimal).Fingerprint, Normalizing.Accepted(utc).Fingerprint);
    }

    [Theory]
    [InlineData("\"src_port\":6668", "\"src_port\":6669")]
    [InlineData("\"flow_id\":1127398650588751", "\"flow_id\":1127398650588752")]
    [InlineData("\"signature_id\":2000355", "\"signature_id\":2000356")]
    [InlineData("58.856335-0600", "58.856336-0600")]
    [InlineData("\"dest_ip\":\"10.192.19.6\"", "\"dest_ip\":\"10.192.19.7\"")]
    public void A_different_delivery_gets_a_different_fingerprint(string from, string to)
    {
        string changed = SuricataSamples.Minimal.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(SuricataSamples.Minimal, changed);
        Assert.NotEqual(Normalizing.Accepted(SuricataSamples.Minimal).Fingerprint, Normalizing.Accepted(changed).Fingerprint);
    }

    [Fact]
    public void Source_id_decides_the_id_whatever_else_changes()
    {
        var first = NativeSamples.Minimal();
        first["sourceId"] = "evt-1";
        var second = NativeSamples.Minimal();
        second["sourceId"] = "evt-1";
        second["title"] = "Retitled by the vendor";
        var (a, b) = (Normalizing.Accepted(first.ToJsonString()), Normalizing.Accepted(second.ToJsonString()));
        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

public sealed class AlertNormalizerTests
{
    [Fact]
    public void Options_are_checked_once_at_construction()
    {
        Assert.Throws<ArgumentNullException>(() => new AlertNormalizer(null!));
        Assert.Throws<ArgumentNullException>(() => new AlertNormalizer(new NormalizerOptions { InternalNetworks = null! }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlertNormalizer(new NormalizerOptions { MaxStringLength = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlertNormalizer(new NormalizerOptions { MaxItemBytes = -1 }));
    }

    [Fact]
    public void Defaults_are_as_documented()
    {
        var options = new NormalizerOptions();
        Assert.Same(InternalNetworks.Default, options.InternalNetworks);
        Assert.Equal(8192, options.MaxStringLength);
        Assert.Equal(1 << 20, options.MaxItemBytes);
    }

    [Fact]
    public void Auto_detects_suricata_by_event_type_anywhere_at_the_top_level()
    {
        var item = JsonNode.Parse(SuricataSamples.Minimal)!.AsObject();
        string eventType = item["event_type"]!.GetValue<string>();
        item.Remove("event_type");
        item["event_type"] = eventType; // now the last property
        Assert.Equal("suricata", Normalizing.Accepted(item.ToJsonString()).Source);
    }

    [Fact]
    public void A_nested_event_type_does_not_make_an_item_suricata()
    {
        var item = NativeSamples.Minimal();
        item["raw"] = new JsonObject { ["event_type"] = "alert" };
        Assert.Equal("edr", Normalizing.Accepted(item.ToJsonString()).Source);
    }

    [Fact]
    public void Explicit_format_skips_detection()
    {
        Assert.Equal("suricata", Normalizing.Accepted(SuricataSamples.Minimal, AlertFormat.Suricata).Source);
        Assert.Equal("missing required field 'source'", Normalizing.Rejected(SuricataSamples.Minimal, AlertFormat.Native));
    }

    [Fact]
    public void One_normalizer_serves_many_threads()
    {
        var items = SuricataSamples.Items.Select(item => item.ToArray()).ToList();
        var expected = items.Select(item => Normalizing.Default.Normalize(item).Alert!.Id).ToList();
        var seen = new ConcurrentBag<(int Index, string Id)>();
        Parallel.For(0, items.Count * 20, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            seen.Add((i % items.Count, Normalizing.Default.Normalize(items[i % items.Count]).Alert!.Id)));
        Assert.All(seen, pair => Assert.Equal(expected[pair.Index], pair.Id));
    }

    [Fact]
    public void Raw_is_the_item_as_received()
    {
        string item = "  " + NativeSamples.Minimal().ToJsonString() + "\n";
        Assert.Equal(item, Normalizing.Default.Normalize(Encoding.UTF8.GetBytes(item)).Alert!.Raw);
    }
}

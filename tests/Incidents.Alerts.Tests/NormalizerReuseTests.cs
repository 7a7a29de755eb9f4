using System.Text;
using System.Text.Json;
using Incidents.Alerts;

namespace Incidents.Alerts.Tests;

/// <summary>
/// The normaliser reads each item into its thread's one reused draft and shares repeated strings through a pool: no
/// item may see anything of the item before it, whatever that one was (another format, or one refused half-way).
/// </summary>
public sealed class NormalizerReuseTests
{
    private static readonly AlertNormalizer FrontDoor = new(new NormalizerOptions { KeepRaw = false });

    private static readonly string[] Refused =
    [
        """{"timestamp":"2017-03-25T16:49:58.856335-0600","event_type":"alert","src_ip":"10.0.0.9","proto":"TCP","alert":{"signature":"half","category":"Leftover category","severity":"x"}}""",
        """{"timestamp":"2017-03-25T16:49:58.856335-0600","event_type":"alert","src_ip":"10.0.0.9","dest_ip":"10.0.0.10","alert":{"signature":"no severity","metadata":{"mitre_technique_id":["T1046"]}}"""
    ];

    /// <summary>Every real sample of every alert format, with refused items among them (one stops parsing half-way).</summary>
    private static List<byte[]> Mixed()
    {
        var refused = Refused.Select(Encoding.UTF8.GetBytes);
        IEnumerable<ReadOnlyMemory<byte>> samples =
        [
            .. SuricataSamples.Items, .. EcsSamples.EndpointItems, .. EcsSamples.IndicatorMatchItems,
            .. OcsfSamples.AwsItems, .. OcsfSamples.AzureItems, .. OcsfSamples.SecurityHubItems,
        ];
        var items = samples.Select(m => m.ToArray()).Concat(NativeSamples.Varied().Select(Encoding.UTF8.GetBytes)).Concat(OcsfEcsZeekSeeds.All()).ToList();
        // Interleaved: a refused item after every seventh, so that each format follows others and the refused ones.
        var mixed = new List<byte[]>();
        var refusedItems = refused.ToList();
        for (var i = 0; i < items.Count; i++)
        {
            mixed.Add(items[i]);
            if (i % 7 == 0)
            {
                mixed.Add(refusedItems[i / 7 % refusedItems.Count]);
            }
        }

        return mixed;
    }

    private static List<string> NormalizeInOrder(IEnumerable<byte[]> items) =>
        [.. items.Select(item => FrontDoor.Normalize(item)).Select(r => r.IsSuccess ? JsonSerializer.Serialize(r.Alert) : $"refused: {r.Error}")];

    [Fact]
    public void Each_item_gives_the_same_alert_whatever_came_before_it_on_the_thread()
    {
        var items = Mixed();
        Assert.True(items.Count > 250, $"only {items.Count} items");
        var forward = NormalizeInOrder(items);

        // Backwards on a thread of its own: every item now follows another item, and starts with another thread's draft.
        List<string>? backward = null;
        var thread = new Thread(() => backward = NormalizeInOrder(Enumerable.Reverse(items)));
        thread.Start();
        thread.Join();
        backward!.Reverse();

        Assert.Equal(forward.Count, backward.Count);
        for (var i = 0; i < forward.Count; i++)
        {
            Assert.True(forward[i] == backward[i], $"item {i} differs by what came before it:\n{forward[i]}\n{backward[i]}");
        }

        Assert.Contains(forward, a => a.StartsWith("refused: ", StringComparison.Ordinal));
        Assert.Contains(forward, a => !a.StartsWith("refused: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_field_an_item_lacks_is_absent_even_when_the_item_before_had_it()
    {
        var full = """{"timestamp":"2017-03-25T16:49:58.856335-0600","flow_id":7,"event_type":"alert","src_ip":"10.0.0.9","src_port":4444,"dest_ip":"10.0.0.10","dest_port":445,"proto":"TCP","alert":{"signature":"Full","signature_id":9,"category":"Attempted Administrator Privilege Gain","severity":1,"metadata":{"mitre_tactic_id":["TA0008"],"mitre_technique_id":["T1021"]}},"http":{"hostname":"example.test"}}""";
        var bare = """{"timestamp":"2017-03-25T16:49:59.000000-0600","event_type":"alert","dest_ip":"10.0.0.11","alert":{"signature":"Bare","severity":3}}""";
        Assert.True(FrontDoor.Normalize(Encoding.UTF8.GetBytes(full)).IsSuccess);

        var alert = FrontDoor.Normalize(Encoding.UTF8.GetBytes(bare)).Alert!;
        Assert.Equal("Bare", alert.Title);
        Assert.Null(alert.Category);
        Assert.Null(alert.RuleId);
        Assert.Null(alert.Tactic);
        Assert.Null(alert.Technique);
        Assert.Null(alert.Protocol);
        Assert.Null(alert.SourceEndpoint);
        Assert.Equal(["10.0.0.11"], alert.Hosts);
        Assert.Equal([new Observable(ObservableKind.Ip, "10.0.0.11")], alert.Observables);
        Assert.Null(alert.Raw); // the front door keeps no copy of the item
    }

    [Fact]
    public void A_repeated_signature_is_one_string_and_an_escaped_one_is_read_as_written()
    {
        string Title(string signature) => FrontDoor.Normalize(Encoding.UTF8.GetBytes(
            $$$"""{"timestamp":"2017-03-25T16:49:58.856335-0600","event_type":"alert","dest_ip":"10.0.0.11","alert":{"signature":"{{{signature}}}","severity":2}}""")).Alert!.Title;

        Assert.Same(Title("ET POLICY Repeated"), Title("ET POLICY Repeated"));
        Assert.Equal("ET POLICY caf\u00e9 \"quoted\"", Title("ET POLICY caf\\u00e9 \\\"quoted\\\""));
        Assert.Equal("ET POLICY café", Title("ET POLICY café"));
    }
}

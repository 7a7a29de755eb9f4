using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>The same context event delivered twice, or re-serialised on the way, is recognised as the same event.</summary>
public sealed class ContextEventIdempotenceTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The accepted samples: two lines of each file (notices are refused).</summary>
    public static TheoryData<string> Items()
    {
        var data = new TheoryData<string>();
        foreach (byte[] item in ContextEventSamples.Items(perFile: 2))
        {
            if (ContextNormalizing.Default.Normalize(item).IsSuccess)
            {
                data.Add(Encoding.UTF8.GetString(item));
            }
        }

        return data;
    }

    [Fact]
    public void The_samples_cover_every_accepted_file()
    {
        // 12 files of 2 lines and the 1-line notice file; the notice is refused (the 2 Security Lake sign-ins are
        // cloud sign-ins); and the two hand-written items.
        Assert.Equal(26, Items().Count);
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void Same_bytes_give_the_same_event(string item)
    {
        var first = ContextNormalizing.Accepted(item);
        var second = ContextNormalizing.Accepted(item);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal(first.Hosts, second.Hosts);
        Assert.Equal(first with { Hosts = second.Hosts }, second);
        Assert.Matches("^[0-9a-f]{32}$", first.Id);
        Assert.Matches("^[0-9a-f]{32}$", first.Fingerprint);
        Assert.Equal(item, first.Raw);
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void Whitespace_and_property_order_keep_the_ids(string item)
    {
        var original = ContextNormalizing.Accepted(item);
        var indented = ContextNormalizing.Accepted(JsonNode.Parse(item)!.ToJsonString(Indented));

        var reversed = new JsonObject();
        foreach (var (name, value) in JsonNode.Parse(item)!.AsObject().Reverse().ToList())
        {
            reversed[name] = value?.DeepClone();
        }

        var reordered = ContextNormalizing.Accepted(reversed.ToJsonString());
        foreach (var other in new[] { indented, reordered })
        {
            Assert.Equal(original.Id, other.Id);
            Assert.Equal(original.Fingerprint, other.Fingerprint);
            Assert.Equal(original.Hosts, other.Hosts);
        }
    }

    [Fact]
    public void Ids_follow_the_source_id_where_there_is_one()
    {
        // Windows: the record number on its host. Another time with the same record number is the same event.
        var windows = JsonNode.Parse(ContextNormalizing.Lines(ContextEventSamples.Files[0])[1])!.AsObject();
        var first = ContextNormalizing.Accepted(windows.ToJsonString());
        windows["@timestamp"] = "2020-10-22T08:29:54Z";
        var retimed = ContextNormalizing.Accepted(windows.ToJsonString());
        Assert.Equal(first.Id, retimed.Id);
        Assert.NotEqual(first.Fingerprint, retimed.Fingerprint);

        // Without a record number the id is the fingerprint.
        windows.Remove("RecordNumber");
        var unnumbered = ContextNormalizing.Accepted(windows.ToJsonString());
        Assert.Equal(unnumbered.Fingerprint, unnumbered.Id);

        // Zeek conn: the uid alone, one record per connection.
        var conn = JsonNode.Parse(ContextNormalizing.Lines(ContextEventSamples.Files[2])[0])!.AsObject();
        var connEvent = ContextNormalizing.Accepted(conn.ToJsonString());
        conn["conn_state"] = "S0";
        Assert.Equal(connEvent.Id, ContextNormalizing.Accepted(conn.ToJsonString()).Id);

        // Zeek dce_rpc: one uid carries several calls; a different operation is another event.
        var rpc = JsonNode.Parse(ContextNormalizing.Lines(ContextEventSamples.Files[3])[0])!.AsObject();
        var call = ContextNormalizing.Accepted(rpc.ToJsonString());
        rpc["operation"] = "ept_lookup";
        Assert.NotEqual(call.Id, ContextNormalizing.Accepted(rpc.ToJsonString()).Id);
    }

    [Fact]
    public void Concurrent_normalising_gives_the_same_results()
    {
        var items = ContextEventSamples.Items(perFile: 40);
        var expected = items.Select(item => ContextNormalizing.Default.Normalize(item)).Select(r => r.Event?.Id ?? r.Error).ToArray();

        var actual = new string?[items.Count * 8];
        Parallel.For(0, actual.Length, i =>
        {
            var result = ContextNormalizing.Default.Normalize(items[i % items.Count]);
            actual[i] = result.Event?.Id ?? result.Error;
        });

        for (int i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % items.Count], actual[i]);
        }
    }
}

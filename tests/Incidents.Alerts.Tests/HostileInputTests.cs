using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>Input made to hurt: each gives a per-item error, never an exception.</summary>
public sealed class HostileInputTests
{
    [Theory]
    [InlineData(AlertFormat.Auto)]
    [InlineData(AlertFormat.Native)]
    [InlineData(AlertFormat.Suricata)]
    public void Ten_thousand_deep_nesting_is_an_error(AlertFormat format)
    {
        string item = "{\"raw\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        string error = Normalizing.Rejected(item, format);
        Assert.StartsWith("the item is not valid JSON: The maximum configured depth of 64 has been exceeded", error, StringComparison.Ordinal);

        string objects = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);
        Assert.StartsWith("the item is not valid JSON", Normalizing.Rejected(objects, format), StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_is_fine()
    {
        var item = NativeSamples.Minimal();
        item["raw"] = JsonNode.Parse(new string('[', 60) + new string(']', 60));
        Assert.True(Normalizing.Normalize(item.ToJsonString()).IsSuccess);
    }

    [Fact]
    public void Ten_megabyte_string_is_an_error()
    {
        var item = NativeSamples.Minimal();
        item["title"] = new string('A', 10 * 1024 * 1024);
        Assert.Equal("the item is larger than 1048576 bytes", Normalizing.Rejected(item.ToJsonString()));

        // And with the item limit lifted, the string limit still holds.
        var lenient = new AlertNormalizer(new NormalizerOptions { MaxItemBytes = 64 << 20 });
        Assert.Equal(
            "'title' is longer than 8192 characters",
            Normalizing.Rejected(lenient.Normalize(Encoding.UTF8.GetBytes(item.ToJsonString()))));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("0x10")]
    [InlineData("01")]
    [InlineData("+1")]
    [InlineData("'high'")]
    [InlineData("undefined")]
    public void Non_json_literals_are_errors(string literal)
    {
        string item = NativeSamples.Minimal().ToJsonString().Replace("\"medium\"", literal, StringComparison.Ordinal);
        Assert.StartsWith("the item is not valid JSON", Normalizing.Rejected(item), StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_numbers_are_errors()
    {
        var item = NativeSamples.Minimal();
        item["severity"] = JsonNode.Parse("1e308");
        Assert.Equal("'severity' is not a severity (0..4): '1e308'", Normalizing.Rejected(item.ToJsonString()));
        item["severity"] = JsonNode.Parse("1e999999");
        Assert.Equal("'severity' is not a severity (0..4): '1e999999'", Normalizing.Rejected(item.ToJsonString()));
        item["severity"] = JsonNode.Parse("-0");
        Assert.True(Normalizing.Normalize(item.ToJsonString()).IsSuccess);

        string suricata = SuricataSamples.Minimal.Replace("1127398650588751", "123456789012345678901234567890", StringComparison.Ordinal);
        Assert.Equal("'flow_id' is not an integer: '123456789012345678901234567890'", Normalizing.Rejected(suricata));
    }

    [Fact]
    public void Invalid_utf8_is_an_error()
    {
        byte[] item = Encoding.UTF8.GetBytes(NativeSamples.Minimal().ToJsonString());
        int at = Array.IndexOf(item, (byte)'S'); // inside the title
        foreach (byte[] bad in new[] { new byte[] { 0xFF }, [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82] })
        {
            byte[] mutated = [.. item[..at], .. bad, .. item[at..]];
            Assert.Equal("the item is not valid UTF-8", Normalizing.Rejected(Normalizing.Default.Normalize(mutated)));
        }
    }

    [Fact]
    public void Invalid_utf8_in_a_skipped_field_is_still_an_error()
    {
        byte[] item = Encoding.UTF8.GetBytes(NativeSamples.Minimal().ToJsonString()[..^1] + ",\"extra\":\"x\"}");
        item[^3] = 0xFE;
        Assert.Equal("the item is not valid UTF-8", Normalizing.Rejected(Normalizing.Default.Normalize(item)));
    }

    [Fact]
    public void Escaped_lone_surrogate_is_an_error()
    {
        var item = NativeSamples.Minimal().ToJsonString().Replace("Suspicious process", "\\ud800 evil", StringComparison.Ordinal);
        Assert.Equal("'title' is not valid Unicode text", Normalizing.Rejected(item));
    }

    [Theory]
    [InlineData("""{"source":"a","source":"b","time":"2026-11-27T10:00:00Z","title":"t","severity":1,"host":"h"}""", "field 'source' appears more than once")]
    [InlineData("""{"source":"a","time":"2026-11-27T10:00:00Z","title":"t","title":"t","severity":1,"host":"h"}""", "field 'title' appears more than once")]
    [InlineData("""{"source":"a","time":"2026-11-27T10:00:00Z","title":"t","severity":1,"host":"h","src":{"ip":"10.0.0.1","ip":"8.8.8.8"}}""", "field 'src.ip' appears more than once")]
    [InlineData("""{"source":"a","time":"2026-11-27T10:00:00Z","title":"t","severity":1,"host":"h","observables":[{"type":"ip","type":"domain","value":"x"}]}""", "field 'observables[0].type' appears more than once")]
    [InlineData("""{"source":"a","time":null,"time":"2026-11-27T10:00:00Z","title":"t","severity":1,"host":"h"}""", "field 'time' appears more than once")]
    public void Duplicate_native_keys_are_errors(string item, string expected)
    {
        Assert.Equal(expected, Normalizing.Rejected(item));
    }

    [Fact]
    public void Duplicate_suricata_keys_are_errors()
    {
        string twiceDest = SuricataSamples.Minimal.Replace("\"dest_port\":57966", "\"dest_ip\":\"10.0.0.1\",\"dest_port\":57966", StringComparison.Ordinal);
        Assert.Equal("field 'dest_ip' appears more than once", Normalizing.Rejected(twiceDest));

        string twiceSeverity = SuricataSamples.Minimal.Replace("\"severity\":3", "\"severity\":3,\"severity\":1", StringComparison.Ordinal);
        Assert.Equal("field 'alert.severity' appears more than once", Normalizing.Rejected(twiceSeverity));

        string twiceEventType = SuricataSamples.Minimal.Replace("\"event_type\":\"alert\"", "\"event_type\":\"alert\",\"event_type\":\"alert\"", StringComparison.Ordinal);
        Assert.Equal("field 'event_type' appears more than once", Normalizing.Rejected(twiceEventType));
    }

    [Fact]
    public void Duplicate_unknown_keys_are_ignored()
    {
        string item = SuricataSamples.Minimal.Replace("\"gid\":1", "\"gid\":1,\"gid\":2", StringComparison.Ordinal);
        Assert.True(Normalizing.Normalize(item).IsSuccess);
    }

    [Fact]
    public void Numbers_as_strings_and_strings_as_numbers_are_errors()
    {
        Assert.Equal("'src_port' must be an integer, not a string",
            Normalizing.Rejected(SuricataSamples.Minimal.Replace("\"src_port\":6668", "\"src_port\":\"6668\"", StringComparison.Ordinal)));
        Assert.Equal("'alert.signature' must be a string, not a number",
            Normalizing.Rejected(SuricataSamples.Minimal.Replace("\"ET CHAT IRC authorization message\"", "2000355", StringComparison.Ordinal)));
        Assert.Equal("'src_ip' must be a string, not a number",
            Normalizing.Rejected(SuricataSamples.Minimal.Replace("\"84.92.227.177\"", "1415373745", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n")]
    public void Empty_item_is_an_error(string item)
    {
        Assert.Equal("the item is empty", Normalizing.Rejected(item));
    }

    [Theory]
    [InlineData("[]", "the item is an array, not a JSON object")]
    [InlineData("\"alert\"", "the item is a string, not a JSON object")]
    [InlineData("null", "the item is null, not a JSON object")]
    [InlineData("true", "the item is a boolean, not a JSON object")]
    public void Non_object_item_is_an_error(string item, string expected)
    {
        Assert.Equal(expected, Normalizing.Rejected(item));
        Assert.Equal(expected, Normalizing.Rejected(item, AlertFormat.Native));
        Assert.Equal(expected, Normalizing.Rejected(item, AlertFormat.Suricata));
    }

    [Theory]
    [InlineData("{} {}")]
    [InlineData("{\"title\":\"x\"} trailing")]
    [InlineData("{\"title\":\"x\"")]
    [InlineData("{\"title\":\"x\",}")]
    [InlineData("{\"title\":\"x\" /* comment */}")]
    [InlineData("{title:\"x\"}")]
    public void Malformed_json_is_an_error(string item)
    {
        Assert.StartsWith("the item is not valid JSON: ", Normalizing.Rejected(item), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_after_the_format_marker_is_still_found()
    {
        string item = SuricataSamples.Minimal.TrimEnd()[..^1] + ", \"x\": [1,}";
        Assert.StartsWith("the item is not valid JSON", Normalizing.Rejected(item), StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_format_value_is_an_error()
    {
        Assert.Equal("format '99' is not supported", Normalizing.Rejected(SuricataSamples.Minimal, (AlertFormat)99));
    }

    [Fact]
    public void Control_characters_and_escapes_in_strings_are_kept()
    {
        var item = NativeSamples.Minimal();
        item["title"] = "tab\there \u0000 nul \"quoted\" \u2028";
        Assert.Equal("tab\there \u0000 nul \"quoted\" \u2028", Normalizing.Accepted(item.ToJsonString()).Title);
    }

    [Fact]
    public void Error_messages_echo_only_the_start_of_a_huge_value()
    {
        var item = NativeSamples.Minimal();
        item["time"] = new string('9', 5000);
        string error = Normalizing.Rejected(item.ToJsonString());
        Assert.True(error.Length < 150, error);
        Assert.EndsWith("…'", error, StringComparison.Ordinal);
    }
}

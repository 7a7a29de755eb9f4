using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>Input made to hurt the context-event normaliser: each gives a per-item error, never an exception.</summary>
public sealed class ContextEventHostileInputTests
{
    public static TheoryData<ContextEventFormat> Formats() =>
        [ContextEventFormat.Auto, ContextEventFormat.Windows, ContextEventFormat.Ocsf, ContextEventFormat.Zeek];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Ten_thousand_deep_nesting_is_an_error(ContextEventFormat format)
    {
        string arrays = "{\"raw\":" + new string('[', 10_000) + new string(']', 10_000) + ",\"EventID\":4624}";
        Assert.StartsWith(
            "the item is not valid JSON: The maximum configured depth of 64 has been exceeded",
            ContextNormalizing.Rejected(arrays, format), StringComparison.Ordinal);

        string objects = "{\"_path\":\"conn\",\"id\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_001);
        Assert.StartsWith("the item is not valid JSON", ContextNormalizing.Rejected(objects, format), StringComparison.Ordinal);

        string winlog = "{\"winlog\":{\"event_data\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_002);
        Assert.StartsWith("the item is not valid JSON", ContextNormalizing.Rejected(winlog, format), StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_is_fine()
    {
        var item = JsonNode.Parse(ContextEventSamples.Winlogbeat)!.AsObject();
        item["extra"] = JsonNode.Parse(new string('[', 60) + new string(']', 60));
        ContextNormalizing.Accepted(item.ToJsonString());
    }

    [Fact]
    public void Huge_items_and_strings_are_errors()
    {
        var item = JsonNode.Parse(ContextEventSamples.Winlogbeat)!.AsObject();
        item["winlog"]!["event_data"]!["TargetUserName"] = new string('A', 2 * 1024 * 1024);
        Assert.Equal("the item is larger than 1048576 bytes", ContextNormalizing.Rejected(item.ToJsonString()));

        var lenient = new ContextEventNormalizer(new NormalizerOptions { MaxItemBytes = 64 << 20 });
        Assert.Equal(
            "'winlog.event_data.TargetUserName' is longer than 8192 characters",
            ContextNormalizing.Rejected(lenient.Normalize(Encoding.UTF8.GetBytes(item.ToJsonString()))));

        string zeek = $$"""{"_path":"dce_rpc","ts":1.5e9,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","operation":"{{new string('\u00e9', 9000)}}"}""";
        Assert.Equal("'operation' is longer than 8192 characters", ContextNormalizing.Rejected(zeek));

        // Escapes count as the characters they stand for; six bytes of \u0041 are one character.
        string escaped = $$"""{"_path":"dce_rpc","ts":1.5e9,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","operation":"{{string.Concat(Enumerable.Repeat("\\u0041", 8192))}}"}""";
        Assert.Equal(8192, ContextNormalizing.Accepted(escaped).Detail!.Length);

        string ocsfUser = $$$"""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"x"}},"user":{"name":"{{{new string('u', 8193)}}}"},"src_endpoint":{"ip":"10.0.0.1"}}""";
        Assert.Equal("'user.name' is longer than 8192 characters", ContextNormalizing.Rejected(ocsfUser));

        string privileges = $$"""{"EventID":4672,"Hostname":"h","@timestamp":"2020-10-22T08:29:53Z","PrivilegeList":[{{string.Join(",", Enumerable.Repeat("\"SeDebugPrivilege\"", 600))}}]}""";
        Assert.Equal("'PrivilegeList' is longer than 8192 characters", ContextNormalizing.Rejected(privileges));
    }

    [Fact]
    public void A_small_string_limit_applies_to_every_format()
    {
        var strict = new ContextEventNormalizer(new NormalizerOptions { MaxStringLength = 4 });
        Assert.Equal(
            "'TargetUserName' is longer than 4 characters",
            ContextNormalizing.Rejected(strict.Normalize("""{"EventID":4624,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","TargetUserName":"pgustavo"}"""u8)));
        Assert.Equal(
            "'uid' is longer than 4 characters",
            ContextNormalizing.Rejected(strict.Normalize("""{"_path":"conn","ts":1.5e9,"uid":"Cvf4XX17hSAgXDdGEd","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}"""u8)));
    }

    [Theory]
    [InlineData("", "the item is empty")]
    [InlineData(" \r\n\t ", "the item is empty")]
    [InlineData("[]", "the item is an array, not a JSON object")]
    [InlineData("\"EventID\"", "the item is a string, not a JSON object")]
    [InlineData("4624", "the item is a number, not a JSON object")]
    [InlineData("null", "the item is null, not a JSON object")]
    [InlineData("{}", "the item is not a context event this server reads: expected a Windows logon event (EventID), an OCSF Authentication event (class_uid 3002) or a Zeek log record (_path, ts, uid, id.orig_h)")]
    [InlineData("""{"event_type":"alert","src_ip":"10.0.0.1"}""", "a Suricata EVE record is not a context event; send Suricata alerts to /api/v1/alerts")]
    public void Items_that_are_no_context_event_are_named(string json, string error) =>
        Assert.Equal(error, ContextNormalizing.Rejected(json));

    [Theory]
    [InlineData("""{"EventID":4624,"Hostname":"ws5",""")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5"]""")]
    [InlineData("""{"EventID":4624,"Hostname":ws5}""")]
    [InlineData("""{"_path":"conn","ts":NaN}""")]
    [InlineData("""{"_path":"conn","ts":01}""")]
    [InlineData("""{"class_uid":3002,,}""")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5"} x""")]
    [InlineData("""{"EventID":4624}{"EventID":4624}""")]
    public void Broken_json_is_an_error(string json) =>
        Assert.StartsWith("the item is not valid JSON", ContextNormalizing.Rejected(json), StringComparison.Ordinal);

    [Fact]
    public void Invalid_utf8_and_lone_surrogates_are_errors()
    {
        byte[] invalid = [.. """{"EventID":4624,"Hostname":"ws"""u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.Equal("the item is not valid UTF-8", ContextNormalizing.Rejected(ContextNormalizing.Default.Normalize(invalid)));

        Assert.Equal(
            "'TargetUserName' is not valid Unicode text",
            ContextNormalizing.Rejected("""{"EventID":4624,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","TargetUserName":"\ud800"}"""));
    }

    [Theory]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","@timestamp":"2020-02-30T00:00:00Z"}""", "'@timestamp' is not a valid time: '2020-02-30T00:00:00Z'")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","@timestamp":1603355393}""", "'@timestamp' must be a string, not a number")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","EventTime":"2020-10-22 25:00:00"}""", "'EventTime' is not a valid time: '2020-10-22 25:00:00'")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","EventTime":"2101-01-01 00:00:00"}""", "'EventTime' is not a time in 1970..2100: '2101-01-01 00:00:00'")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","EventTime":{"t":1}}""", "'EventTime' must be a string, not an object")]
    [InlineData("""{"_path":"conn","ts":-1,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}""", "'ts' is not epoch seconds in 1970..2100: '-1'")]
    [InlineData("""{"_path":"conn","ts":true,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}""", "'ts' must be a string or a number, not a boolean")]
    [InlineData("""{"_path":"conn","ts":"2018-03-24T17:15","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}""", "'ts' is not a valid time: '2018-03-24T17:15'")]
    [InlineData("""{"class_uid":3002,"time":"2023-11-14T22:13:20Z","metadata":{"product":{"name":"x"}}}""", "'time' must be an integer, not a string")]
    [InlineData("""{"class_uid":3002,"time":99999999999999999999,"metadata":{"product":{"name":"x"}}}""", "'time' is not an integer: '99999999999999999999'")]
    public void Invalid_times_are_errors(string json, string error) =>
        Assert.Equal(error, ContextNormalizing.Rejected(json));

    [Theory]
    [InlineData("""{"EventID":99999999,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z"}""", "'EventID' is not a Windows event id: '99999999'")]
    [InlineData("""{"EventID":-4624,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z"}""", "'EventID' is not a Windows event id: '-4624'")]
    [InlineData("""{"EventID":4624,"RecordNumber":"12a","Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z"}""", "'RecordNumber' is not a record number: '12a'")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","IpPort":-1}""", "'IpPort' is not a port number (0..65535): '-1'")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","IpAddress":"10"}""", "'IpAddress' is not an IP address: '10'")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","IpAddress":7}""", "'IpAddress' must be a string, not a number")]
    [InlineData("""{"EventID":4624,"Hostname":".theshire.local","@timestamp":"2020-10-22T08:29:53Z"}""", "'Hostname' is not a host name: '.theshire.local'")]
    [InlineData("""{"EventID":4624,"Hostname":"fe80::1%eth0","@timestamp":"2020-10-22T08:29:53Z"}""", "'Hostname' is not a host name or an IP address: 'fe80::1%eth0'")]
    [InlineData("""{"EventID":4648,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","TargetServerName":"1.2.3"}""", "'TargetServerName' is not a host name or an IP address: '1.2.3'")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","winlog":[]}""", "'winlog' must be an object, not an array")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","winlog":{"event_data":"x"}}""", "'winlog.event_data' must be an object, not a string")]
    [InlineData("""{"EventID":4624,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","winlog":{"event_id":4624,"event_id":4625}}""", "field 'winlog.event_id' appears more than once")]
    [InlineData("""{"EventID":4672,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","PrivilegeList":[["SeDebugPrivilege"]]}""", "'PrivilegeList' must be a string, not an array")]
    [InlineData("""{"_path":"conn","ts":1.5e9,"id":"10.0.0.1","id.resp_h":"10.0.0.2"}""", "'id' must be an object, not a string")]
    [InlineData("""{"_path":"conn","ts":1.5e9,"id":{"orig_h":"10.0.0.1","orig_h":"10.0.0.3"},"id.resp_h":"10.0.0.2"}""", "field 'id.orig_h' appears more than once")]
    [InlineData("""{"_path":"kerberos","ts":1.5e9,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","client":{"name":"x"}}""", "'client' must be a string, not an object")]
    [InlineData("""{"_path":"conn","ts":1.5e9,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","id.orig_p":1.5}""", "'id.orig_p' is not an integer: '1.5'")]
    public void Wrong_types_and_values_are_named(string json, string error) =>
        Assert.Equal(error, ContextNormalizing.Rejected(json));

    [Fact]
    public void Null_fields_read_as_absent()
    {
        var e = ContextNormalizing.Accepted("""{"EventID":4624,"Hostname":"ws5","@timestamp":"2020-10-22T08:29:53Z","TargetUserName":null,"IpAddress":null,"IpPort":null,"LogonType":null,"winlog":null}""");
        Assert.Null(e.User);
        Assert.Null(e.SourceEndpoint);
        Assert.Null(e.Detail);

        var z = ContextNormalizing.Accepted("""{"_path":"ntlm","ts":1.5e9,"uid":null,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","success":null,"username":null}""");
        Assert.Equal(ContextEventKind.Connection, z.Kind);
        Assert.Equal(z.Fingerprint, z.Id); // no uid: no natural id
    }

    [Fact]
    public void Site_networks_decide_which_addresses_are_ours()
    {
        var onlyTen = new ContextEventNormalizer(new NormalizerOptions { InternalNetworks = InternalNetworks.Parse(["10.0.0.0/8"]) });

        // Windows hosts are named: ours whatever the networks. The 172.18 source is outside them here.
        var logon = ContextNormalizing.Accepted(onlyTen.Normalize("""{"EventID":4624,"Hostname":"MORDORDC.theshire.local","@timestamp":"2020-10-22T08:29:53Z","IpAddress":"172.18.39.5"}"""u8));
        Assert.Equal(["mordordc"], logon.Hosts);
        Assert.False(logon.SourceEndpoint!.IsInternal);

        var conn = """{"_path":"conn","ts":1.5e9,"id.orig_h":"192.168.0.4","id.resp_h":"172.16.0.1"}"""u8;
        Assert.Equal(["172.16.0.1", "192.168.0.4"], ContextNormalizing.Accepted(ContextNormalizing.Default.Normalize(conn)).Hosts);
        Assert.Equal(
            "the event names no internal host (source and destination are outside the internal networks)",
            ContextNormalizing.Rejected(onlyTen.Normalize(conn)));
    }

    [Fact]
    public void An_unknown_format_value_is_an_error_not_a_throw() =>
        Assert.Equal("format '99' is not supported", ContextNormalizing.Rejected(ContextNormalizing.Normalize("""{"EventID":4624}""", (ContextEventFormat)99)));
}

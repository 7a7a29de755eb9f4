using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

public sealed class NativeAlertTests
{
    [Fact]
    public void Full_example_normalises_to_the_expected_alert()
    {
        var alert = Normalizing.Accepted(NativeSamples.FullExample);

        Assert.Equal("crowdstrike", alert.Source);
        Assert.Equal("abc-123", alert.SourceId);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), alert.Time);
        Assert.Equal("Mimikatz credential dump", alert.Title);
        Assert.Equal("R-17", alert.RuleId);
        Assert.Equal(Severity.High, alert.Severity);
        Assert.Equal("high", alert.SourceSeverity);
        Assert.Equal("credential-access", alert.Category);
        Assert.Equal("TA0006", alert.Tactic);
        Assert.Equal("T1003.001", alert.Technique);
        Assert.Equal("tcp", alert.Protocol);
        Assert.Equal(
            new NetworkEndpoint { Ip = "10.0.0.5", Port = 51234, HostName = "WS-17", User = "alice", IsInternal = true },
            alert.SourceEndpoint);
        Assert.Equal(
            new NetworkEndpoint { Ip = "10.0.0.9", Port = 445, HostName = "fs-01", IsInternal = true },
            alert.DestinationEndpoint);
        Assert.Equal("ws-17", alert.ObservedHost);
        Assert.Equal("alice", alert.User);
        // The observed host first, then the destination; the source is the observed host again.
        Assert.Equal(["ws-17", "fs-01"], alert.Hosts);
        Assert.Equal(
            [
                new Observable(ObservableKind.Ip, "10.0.0.5"),
                new Observable(ObservableKind.Ip, "10.0.0.9"),
                new Observable(ObservableKind.Domain, "evil.example"),
                new Observable(ObservableKind.FileHash, "d41d8cd98f00b204e9800998ecf8427e"),
                new Observable(ObservableKind.Ip, "203.0.113.7"),
                new Observable(ObservableKind.Process, @"C:\Tools\mimikatz.exe"),
            ],
            alert.Observables);
        Assert.Equal(NativeSamples.FullExample, alert.Raw);
        Assert.Matches("^[0-9a-f]{32}$", alert.Fingerprint);
    }

    [Fact]
    public void Id_is_the_hash_of_source_and_source_id()
    {
        var alert = Normalizing.Accepted(NativeSamples.FullExample);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes("crowdstrike\0abc-123"));
        Assert.Equal(Convert.ToHexStringLower(hash, 0, 16), alert.Id);
        Assert.NotEqual(alert.Fingerprint, alert.Id);
    }

    [Fact]
    public void Without_source_id_the_id_is_the_fingerprint()
    {
        var alert = Normalizing.Accepted(NativeSamples.Minimal().ToJsonString());
        Assert.Null(alert.SourceId);
        Assert.Equal(alert.Fingerprint, alert.Id);
    }

    [Fact]
    public void Minimal_item_has_only_what_it_says()
    {
        var alert = Normalizing.Accepted(NativeSamples.Minimal().ToJsonString());
        Assert.Equal(["ws-1"], alert.Hosts);
        Assert.Empty(alert.Observables);
        Assert.Null(alert.SourceEndpoint);
        Assert.Null(alert.DestinationEndpoint);
        Assert.Null(alert.RuleId);
        Assert.Null(alert.Protocol);
    }

    [Theory]
    [InlineData("source")]
    [InlineData("time")]
    [InlineData("title")]
    [InlineData("severity")]
    public void Each_missing_required_field_is_named(string field)
    {
        var item = NativeSamples.Minimal();
        item.Remove(field);
        Assert.Equal($"missing required field '{field}'", Normalizing.Rejected(item.ToJsonString()));
    }

    [Theory]
    [InlineData("source")]
    [InlineData("time")]
    [InlineData("title")]
    [InlineData("severity")]
    public void Null_or_empty_required_field_counts_as_missing(string field)
    {
        var item = NativeSamples.Minimal();
        item[field] = null;
        Assert.Equal($"missing required field '{field}'", Normalizing.Rejected(item.ToJsonString()));
        if (field != "severity" && field != "time")
        {
            item[field] = "";
            Assert.Equal($"missing required field '{field}'", Normalizing.Rejected(item.ToJsonString()));
        }
    }

    [Theory]
    [InlineData("severity", "{}", "'severity' must be a string or an integer, not an object")]
    [InlineData("severity", "true", "'severity' must be a string or an integer, not a boolean")]
    [InlineData("severity", "\"3\"", "'severity' is not a severity (info, low, medium, high, critical): '3'")]
    [InlineData("severity", "5", "'severity' is not a severity (0..4): '5'")]
    [InlineData("severity", "-1", "'severity' is not a severity (0..4): '-1'")]
    [InlineData("severity", "2.5", "'severity' is not a severity (0..4): '2.5'")]
    [InlineData("title", "42", "'title' must be a string, not a number")]
    [InlineData("title", "[\"a\"]", "'title' must be a string, not an array")]
    [InlineData("source", "{\"name\":\"x\"}", "'source' must be a string, not an object")]
    [InlineData("sourceId", "123", "'sourceId' must be a string, not a number")]
    [InlineData("ruleId", "17", "'ruleId' must be a string, not a number")]
    [InlineData("time", "true", "'time' must be a string or a number, not a boolean")]
    [InlineData("host", "{}", "'host' must be a string, not an object")]
    [InlineData("src", "\"10.0.0.1\"", "'src' must be an object, not a string")]
    [InlineData("src", "{\"ip\": 167772161}", "'src.ip' must be a string, not a number")]
    [InlineData("src", "{\"ip\": \"10.0.0.256\"}", "'src.ip' is not an IP address: '10.0.0.256'")]
    [InlineData("src", "{\"ip\": \"10\"}", "'src.ip' is not an IP address: '10'")]
    [InlineData("src", "{\"ip\": \"010.0.0.1\"}", "'src.ip' is not an IP address: '010.0.0.1'")]
    [InlineData("dst", "{\"ip\": \"fe80::1%eth0\"}", "'dst.ip' is not an IP address: 'fe80::1%eth0'")]
    [InlineData("dst", "{\"port\": \"443\"}", "'dst.port' must be an integer, not a string")]
    [InlineData("dst", "{\"port\": 65536}", "'dst.port' is not a port number (0..65535): '65536'")]
    [InlineData("dst", "{\"port\": -1}", "'dst.port' is not a port number (0..65535): '-1'")]
    [InlineData("dst", "{\"port\": 44.5}", "'dst.port' is not an integer: '44.5'")]
    [InlineData("observables", "{}", "'observables' must be an array, not an object")]
    [InlineData("observables", "[\"evil.example\"]", "'observables[0]' must be an object, not a string")]
    [InlineData("observables", "[{\"type\":\"domain\"}]", "missing required field 'observables[0].value'")]
    [InlineData("observables", "[{\"value\":\"x\"}]", "missing required field 'observables[0].type'")]
    [InlineData("observables", "[{\"type\":\"ip\",\"value\":\"1.2.3.4\"},{\"type\":\"mutex\",\"value\":\"x\"}]", "'observables[1].type' is not an observable type (ip, domain, url, hash, process, email, user, file): 'mutex'")]
    [InlineData("observables", "[{\"type\":\"ip\",\"value\":\"not-an-ip\"}]", "'observables[0].value' is not an IP address: 'not-an-ip'")]
    public void Wrong_types_and_values_are_named(string field, string valueJson, string expected)
    {
        var item = NativeSamples.Minimal();
        item[field] = JsonNode.Parse(valueJson);
        Assert.Equal(expected, Normalizing.Rejected(item.ToJsonString()));
    }

    [Theory]
    [InlineData("T1003")]
    [InlineData("T1003.001")]
    public void Valid_technique_is_kept(string technique)
    {
        var item = NativeSamples.Minimal();
        item["technique"] = technique;
        Assert.Equal(technique, Normalizing.Accepted(item.ToJsonString()).Technique);
    }

    [Theory]
    [InlineData("T103")]
    [InlineData("T10033")]
    [InlineData("t1003")]
    [InlineData("T1003.1")]
    [InlineData("T1003.0001")]
    [InlineData("T1003-001")]
    [InlineData("TA0006")]
    [InlineData("T1003.001 ")]
    public void Bad_technique_is_an_error(string technique)
    {
        var item = NativeSamples.Minimal();
        item["technique"] = technique;
        Assert.Equal(
            $"'technique' is not a MITRE ATT&CK technique id (T1003 or T1003.001): '{technique}'",
            Normalizing.Rejected(item.ToJsonString()));
    }

    [Theory]
    [InlineData("TA006")]
    [InlineData("T1003")]
    [InlineData("ta0006")]
    [InlineData("TA00061")]
    public void Bad_tactic_is_an_error(string tactic)
    {
        var item = NativeSamples.Minimal();
        item["tactic"] = tactic;
        Assert.Equal($"'tactic' is not a MITRE ATT&CK tactic id (TA0006): '{tactic}'", Normalizing.Rejected(item.ToJsonString()));
    }

    [Theory]
    [InlineData("1764237600", "2025-11-27T10:00:00Z")]
    [InlineData("0", "1970-01-01T00:00:00Z")]
    [InlineData("1764237600.25", "2025-11-27T10:00:00.25Z")]
    [InlineData("4102444800", "2100-01-01T00:00:00Z")]
    public void Epoch_seconds_are_a_time(string seconds, string expected)
    {
        var item = NativeSamples.Minimal();
        item["time"] = JsonNode.Parse(seconds);
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), alert.Time);
    }

    [Theory]
    [InlineData("1764237600000")] // milliseconds
    [InlineData("-1")]
    [InlineData("1e300")]
    public void Epoch_seconds_outside_1970_to_2100_are_an_error(string seconds)
    {
        var item = NativeSamples.Minimal();
        item["time"] = JsonNode.Parse(seconds);
        Assert.Equal($"'time' is not epoch seconds in 1970..2100: '{seconds}'", Normalizing.Rejected(item.ToJsonString()));
    }

    [Theory]
    [InlineData("\"info\"", Severity.Info, "info")]
    [InlineData("\"LOW\"", Severity.Low, "LOW")]
    [InlineData("\"Medium\"", Severity.Medium, "Medium")]
    [InlineData("\"high\"", Severity.High, "high")]
    [InlineData("\"CRITICAL\"", Severity.Critical, "CRITICAL")]
    [InlineData("\"\\u0068igh\"", Severity.High, "high")]
    [InlineData("0", Severity.Info, "0")]
    [InlineData("1", Severity.Low, "1")]
    [InlineData("2", Severity.Medium, "2")]
    [InlineData("3", Severity.High, "3")]
    [InlineData("4", Severity.Critical, "4")]
    public void Severity_by_name_or_number(string severityJson, Severity expected, string sourceSeverity)
    {
        var item = NativeSamples.Minimal();
        item["severity"] = JsonNode.Parse(severityJson);
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal(expected, alert.Severity);
        Assert.Equal(sourceSeverity, alert.SourceSeverity);
    }

    [Fact]
    public void Unknown_properties_are_ignored()
    {
        var item = NativeSamples.Minimal();
        item["extra"] = new JsonObject { ["deep"] = new JsonArray(1, 2, new JsonObject { ["x"] = null }) };
        item["another"] = "value";
        Assert.Equal("Suspicious process", Normalizing.Accepted(item.ToJsonString()).Title);
    }

    [Fact]
    public void Raw_may_be_any_json()
    {
        foreach (string raw in new[] { "null", "17", "\"text\"", "[1,{\"a\":[]}]", "{\"source\":\"not-this\"}" })
        {
            var item = NativeSamples.Minimal();
            item["raw"] = JsonNode.Parse(raw);
            Assert.Equal("edr", Normalizing.Accepted(item.ToJsonString()).Source);
        }
    }

    [Fact]
    public void Alert_naming_no_host_is_an_error()
    {
        var item = NativeSamples.Minimal();
        item.Remove("host");
        Assert.Equal("the alert names no internal host (it has no host, src or dst)", Normalizing.Rejected(item.ToJsonString()));

        item["src"] = new JsonObject { ["ip"] = "198.51.100.1" };
        item["dst"] = new JsonObject { ["ip"] = "203.0.113.9", ["port"] = 443 };
        Assert.Equal(
            "the alert names no internal host (src and dst are outside the internal networks)",
            Normalizing.Rejected(item.ToJsonString()));
    }

    [Fact]
    public void Too_long_string_is_an_error()
    {
        var normalizer = new AlertNormalizer(new NormalizerOptions { MaxStringLength = 10 });
        var item = NativeSamples.Minimal();
        item["title"] = new string('x', 11);
        var result = normalizer.Normalize(Encoding.UTF8.GetBytes(item.ToJsonString()));
        Assert.Equal("'title' is longer than 10 characters", Normalizing.Rejected(result));

        item["title"] = new string('x', 10);
        Assert.True(normalizer.Normalize(Encoding.UTF8.GetBytes(item.ToJsonString())).IsSuccess);
    }

    [Fact]
    public void Too_large_item_is_an_error()
    {
        var normalizer = new AlertNormalizer(new NormalizerOptions { MaxItemBytes = 100 });
        var item = NativeSamples.Minimal();
        item["raw"] = new string('x', 100);
        Assert.Equal("the item is larger than 100 bytes", Normalizing.Rejected(normalizer.Normalize(Encoding.UTF8.GetBytes(item.ToJsonString()))));
    }

    [Fact]
    public void Source_is_lowercased_and_observed_host_kept_as_written()
    {
        var item = NativeSamples.Minimal();
        item["source"] = "SentinelOne";
        item["host"] = "WS-1.Corp.Example";
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal("sentinelone", alert.Source);
        Assert.Equal("WS-1.Corp.Example", alert.ObservedHost);
        Assert.Equal(["ws-1.corp.example"], alert.Hosts);
    }

    [Fact]
    public void All_twenty_varied_samples_normalise()
    {
        var alerts = NativeSamples.Varied().Select(item => Normalizing.Accepted(item)).ToList();
        Assert.Equal(20, alerts.Count);
        Assert.Equal(20, alerts.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Explicit_native_format_reads_an_item_with_event_type_as_native()
    {
        var item = NativeSamples.Minimal();
        item["event_type"] = "alert";
        Assert.Equal("edr", Normalizing.Accepted(item.ToJsonString(), AlertFormat.Native).Source);
        Assert.Equal("missing required field 'timestamp'", Normalizing.Rejected(item.ToJsonString()));
    }
}

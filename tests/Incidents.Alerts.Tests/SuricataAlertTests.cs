using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>Suricata EVE fields beyond what the real sample file exercises.</summary>
public sealed class SuricataAlertTests
{
    [Theory]
    [InlineData("dns")]
    [InlineData("flow")]
    [InlineData("http")]
    [InlineData("stats")]
    public void Other_event_types_are_not_alerts(string eventType)
    {
        var item = Item();
        item["event_type"] = eventType;
        item.Remove("alert");
        Assert.Equal(
            $"Suricata event_type '{eventType}' is not an alert; send alerts, or context events to /api/v1/events",
            Normalizing.Rejected(item.ToJsonString()));
    }

    [Fact]
    public void Event_type_must_be_a_string()
    {
        var item = Item();
        item["event_type"] = 1;
        Assert.Equal("'event_type' must be a string, not a number", Normalizing.Rejected(item.ToJsonString()));
    }

    [Fact]
    public void Without_event_type_the_explicit_format_says_it_is_missing()
    {
        var item = Item();
        item.Remove("event_type");
        Assert.Equal("missing required field 'event_type'", Normalizing.Rejected(item.ToJsonString(), AlertFormat.Suricata));
    }

    [Theory]
    [InlineData("signature", "missing required field 'alert.signature'")]
    [InlineData("severity", "missing required field 'alert.severity'")]
    public void Required_alert_fields_are_named(string field, string expected)
    {
        var item = Item();
        item["alert"]!.AsObject().Remove(field);
        Assert.Equal(expected, Normalizing.Rejected(item.ToJsonString()));
    }

    [Fact]
    public void Missing_alert_object_names_the_signature()
    {
        var item = Item();
        item.Remove("alert");
        Assert.Equal("missing required field 'alert.signature'", Normalizing.Rejected(item.ToJsonString()));
    }

    [Theory]
    [InlineData(1, Severity.High)]
    [InlineData(2, Severity.Medium)]
    [InlineData(3, Severity.Low)]
    [InlineData(4, Severity.Info)]
    [InlineData(255, Severity.Info)]
    public void Severity_scale_is_reversed(int level, Severity expected)
    {
        var item = Item();
        item["alert"]!["severity"] = level;
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal(expected, alert.Severity);
        Assert.Equal(level.ToString(System.Globalization.CultureInfo.InvariantCulture), alert.SourceSeverity);
    }

    [Theory]
    [InlineData("alert", "severity", "0", "'alert.severity' is not a Suricata severity (1 or more): '0'")]
    [InlineData("alert", "severity", "\"1\"", "'alert.severity' must be an integer, not a string")]
    [InlineData("alert", "signature_id", "\"2000355\"", "'alert.signature_id' must be an integer, not a string")]
    [InlineData("alert", "signature_id", "-5", "'alert.signature_id' is not a signature id: '-5'")]
    [InlineData("alert", "signature", "[]", "'alert.signature' must be a string, not an array")]
    [InlineData("alert", "metadata", "[]", "'alert.metadata' must be an object, not an array")]
    [InlineData(null, "src_ip", "\"84.92.227\"", "'src_ip' is not an IP address: '84.92.227'")]
    [InlineData(null, "dest_ip", "\"\"", "'dest_ip' is not an IP address: ''")]
    [InlineData(null, "src_port", "70000", "'src_port' is not a port number (0..65535): '70000'")]
    [InlineData(null, "dest_port", "\"80\"", "'dest_port' must be an integer, not a string")]
    [InlineData(null, "flow_id", "1.5", "'flow_id' is not an integer: '1.5'")]
    [InlineData(null, "flow_id", "\"1127398650588751\"", "'flow_id' must be an integer, not a string")]
    [InlineData(null, "alert", "\"ET CHAT\"", "'alert' must be an object, not a string")]
    [InlineData(null, "http", "[]", "'http' must be an object, not an array")]
    [InlineData(null, "proto", "6", "'proto' must be a string, not a number")]
    public void Wrong_types_and_values_are_named(string? parent, string field, string valueJson, string expected)
    {
        var item = Item();
        var target = parent is null ? item : item[parent]!.AsObject();
        target[field] = JsonNode.Parse(valueJson);
        Assert.Equal(expected, Normalizing.Rejected(item.ToJsonString()));
    }

    [Fact]
    public void Mitre_ids_come_from_rule_metadata()
    {
        var item = Item();
        item["alert"]!["metadata"] = JsonNode.Parse("""
            {"affected_product":["Windows"],"mitre_tactic_id":["TA0011","TA0010"],"mitre_technique_id":["T1071.001"],"signature_severity":["Major"]}
            """);
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal("TA0011", alert.Tactic);
        Assert.Equal("T1071.001", alert.Technique);
    }

    [Fact]
    public void Bad_mitre_id_in_metadata_is_named()
    {
        var item = Item();
        item["alert"]!["metadata"] = JsonNode.Parse("""{"mitre_technique_id":["T10"]}""");
        Assert.Equal(
            "'alert.metadata.mitre_technique_id' is not a MITRE ATT&CK technique id (T1003 or T1003.001): 'T10'",
            Normalizing.Rejected(item.ToJsonString()));
    }

    [Fact]
    public void Application_layer_records_give_observables()
    {
        var item = Item();
        item["http"] = JsonNode.Parse("""{"hostname":"WWW.Evil.Example","url":"/a?b=c","http_user_agent":"curl/8"}""");
        item["dns"] = JsonNode.Parse("""{"query":[{"type":"query","rrname":"c2.evil.example","rrtype":"A"}]}""");
        item["tls"] = JsonNode.Parse("""{"subject":"CN=x","sni":"login.evil.example","version":"TLS 1.2"}""");
        item["fileinfo"] = JsonNode.Parse("""
            {"filename":"/payload.exe","magic":"PE32","sha256":"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855","md5":"d41d8cd98f00b204e9800998ecf8427e","size":0}
            """);
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal(
            [
                new Observable(ObservableKind.Ip, "84.92.227.177"),
                new Observable(ObservableKind.Ip, "10.192.19.6"),
                new Observable(ObservableKind.Domain, "www.evil.example"),
                new Observable(ObservableKind.Url, "http://WWW.Evil.Example/a?b=c"),
                new Observable(ObservableKind.Domain, "c2.evil.example"),
                new Observable(ObservableKind.Domain, "login.evil.example"),
                new Observable(ObservableKind.File, "/payload.exe"),
                new Observable(ObservableKind.FileHash, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                new Observable(ObservableKind.FileHash, "d41d8cd98f00b204e9800998ecf8427e"),
            ],
            alert.Observables);
    }

    [Theory]
    [InlineData("""{"rrname":"a.example"}""")]
    [InlineData("""{"version":3,"type":"request","queries":[{"rrname":"a.example","rrtype":"A"}]}""")]
    [InlineData("""{"query":[{"rrname":"a.example"},{"rrname":"A.example"}],"answers":[{"rrname":"a.example","rdata":"1.2.3.4"}]}""")]
    public void Dns_names_are_found_in_every_record_shape(string dns)
    {
        var item = Item();
        item["dns"] = JsonNode.Parse(dns);
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal([new Observable(ObservableKind.Domain, "a.example")], alert.Observables.Where(o => o.Kind == ObservableKind.Domain));
    }

    [Theory]
    [InlineData("""{"hostname":"10.0.0.9","url":"/x"}""", "Ip:10.0.0.9 Url:http://10.0.0.9/x")]
    [InlineData("""{"url":"/x"}""", "")]
    [InlineData("""{"hostname":"a.example","url":"http://b.example/y"}""", "Domain:a.example Url:http://b.example/y")]
    [InlineData("""{"hostname":"a.example","url":"a.example:443"}""", "Domain:a.example")]
    public void Http_url_is_built_only_when_it_is_a_url(string http, string expected)
    {
        var item = Item();
        item["http"] = JsonNode.Parse(http);
        var alert = Normalizing.Accepted(item.ToJsonString());
        var afterEndpoints = alert.Observables.Skip(2).Select(o => $"{o.Kind}:{o.Value}");
        Assert.Equal(expected, string.Join(' ', afterEndpoints));
    }

    [Fact]
    public void Unknown_fields_of_any_shape_are_skipped()
    {
        var item = Item();
        item["flow"] = JsonNode.Parse("""{"pkts_toserver":7,"start":"2017-03-25T16:49:58.044623-0600","nested":[[{"a":[1,2,{"b":null}]}]]}""");
        item["app_proto"] = "ftp";
        item["community_id"] = "1:abc=";
        item["vars"] = JsonNode.Parse("""{"flowbits":{"ET.http.binary":true}}""");
        item["alert"]!["rev"] = 5;
        item["alert"]!["extra"] = new JsonArray(new JsonObject(), new JsonArray());
        Assert.Equal("ET CHAT IRC authorization message", Normalizing.Accepted(item.ToJsonString()).Title);
    }

    [Fact]
    public void Ipv6_and_mapped_addresses_are_canonical()
    {
        var item = Item();
        item["src_ip"] = "2001:DB8:0:0::1";
        item["dest_ip"] = "::ffff:10.192.19.6";
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal("2001:db8::1", alert.SourceEndpoint!.Ip);
        Assert.Equal("10.192.19.6", alert.DestinationEndpoint!.Ip);
        Assert.Equal(["10.192.19.6"], alert.Hosts);
    }

    [Fact]
    public void Icmp_alert_without_ports_is_accepted()
    {
        var item = Item();
        item.Remove("src_port");
        item.Remove("dest_port");
        item["proto"] = "ICMP";
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Null(alert.SourceEndpoint!.Port);
        Assert.Equal("icmp", alert.Protocol);
    }

    [Fact]
    public void External_only_alert_is_an_error()
    {
        var item = Item();
        item["dest_ip"] = "203.0.113.5";
        Assert.Equal(
            "the alert names no internal host (src and dst are outside the internal networks)",
            Normalizing.Rejected(item.ToJsonString()));
    }

    [Fact]
    public void Site_networks_decide_what_is_internal()
    {
        var item = Item();
        item["dest_ip"] = "203.0.113.5";
        var normalizer = new AlertNormalizer(new NormalizerOptions { InternalNetworks = InternalNetworks.Parse(["203.0.113.0/24"]) });
        var result = normalizer.Normalize(System.Text.Encoding.UTF8.GetBytes(item.ToJsonString()));
        Assert.Equal(["203.0.113.5"], Normalizing.Accepted(result).Hosts);
    }

    private static JsonObject Item() => JsonNode.Parse(SuricataSamples.Minimal)!.AsObject();
}

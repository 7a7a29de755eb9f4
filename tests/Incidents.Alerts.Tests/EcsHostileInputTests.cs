using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>ECS input made to hurt: each gives a per-item error naming the field, never an exception.</summary>
public sealed class EcsHostileInputTests
{
    /// <summary>Every field of the nested sample the parser reads (slash path, the name the error gives).</summary>
    public static TheoryData<string, string> ReadFields() => new()
    {
        { "@timestamp", "@timestamp" },
        { "event/kind", "event.kind" },
        { "event/category", "event.category" },
        { "event/severity", "event.severity" },
        { "event/risk_score", "event.risk_score" },
        { "rule/name", "rule.name" },
        { "rule/id", "rule.id" },
        { "host/name", "host.name" },
        { "host/hostname", "host.hostname" },
        { "host/ip", "host.ip" },
        { "user/name", "user.name" },
        { "network/transport", "network.transport" },
        { "source/ip", "source.ip" },
        { "source/port", "source.port" },
        { "destination/domain", "destination.domain" },
        { "destination/address", "destination.address" },
        { "threat/tactic/id", "threat.tactic.id" },
        { "threat/technique/id", "threat.technique.id" },
        { "threat/technique/subtechnique/id", "threat.technique.subtechnique.id" },
        { "file/path", "file.path" },
        { "file/name", "file.name" },
        { "file/hash/sha256", "file.hash.sha256" },
        { "process/executable", "process.executable" },
        { "url/full", "url.full" },
        { "dns/question/name", "dns.question.name" },
        { "host", "host" },
        { "threat/technique", "threat.technique" },
        { "event", "event" },
    };

    /// <summary>The Kibana fields, dotted in the real document's _source.</summary>
    public static TheoryData<string> KibanaFields() =>
    [
        "kibana.alert.rule.name", "kibana.alert.rule.uuid", "kibana.alert.uuid", "kibana.alert.severity",
        "kibana.alert.risk_score", "kibana.alert.original_time", "_id",
    ];

    [Theory]
    [MemberData(nameof(ReadFields))]
    public void A_boolean_in_any_read_field_is_an_error_naming_it(string path, string name)
    {
        string error = Normalizing.Rejected(OcsfJsonEdits.With(EcsSamples.NestedAlert, path, true));
        Assert.Contains($"'{name}' must be", error, StringComparison.Ordinal);
        Assert.EndsWith("not a boolean", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KibanaFields))]
    public void A_boolean_in_a_kibana_field_is_an_error_naming_it(string key)
    {
        string hit = System.Text.Encoding.UTF8.GetString(EcsSamples.EndpointItems[0].Span);
        string path = key == "_id" ? key : "_source/" + key;
        string error = Normalizing.Rejected(OcsfJsonEdits.With(hit, path, false));
        Assert.Contains($"'{key}' must be", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ReadFields))]
    public void Nested_arrays_and_objects_in_read_fields_are_errors_or_walked(string path, string name)
    {
        var result = Normalizing.Normalize(OcsfJsonEdits.With(EcsSamples.NestedAlert, path, new JsonArray(new JsonArray(1))));
        Assert.True(result.IsSuccess || result.Error!.Contains(name, StringComparison.Ordinal), result.Error);
    }

    [Theory]
    [InlineData("@timestamp", "1e308", "'@timestamp' is not epoch milliseconds in 1970..2100: '1e308'")]
    [InlineData("@timestamp", "-5", "'@timestamp' is not epoch milliseconds in 1970..2100: '-5'")]
    [InlineData("@timestamp", "\"2026-11-27T10:00\"", "'@timestamp' is not a valid time: '2026-11-27T10:00'")]
    [InlineData("@timestamp", "\"99999-11-27T10:00:00Z\"", "'@timestamp' is not a valid time: '99999-11-27T10:00:00Z'")]
    [InlineData("event/severity", "101", "'event.severity' is not a severity (0..100): '101'")]
    [InlineData("event/severity", "-0.5", "'event.severity' is not a severity (0..100): '-0.5'")]
    [InlineData("event/severity", "1e999", "'event.severity' is not a severity (0..100): '1e999'")]
    [InlineData("event/severity", "\"urgent\"", "'event.severity' is not a severity (low, medium, high, critical): 'urgent'")]
    [InlineData("event/risk_score", "\"80\"", "'event.risk_score' must be a number, not a string")]
    [InlineData("source/port", "70000", "'source.port' is not a port number (0..65535): '70000'")]
    [InlineData("host/ip", "[\"10.0.0.256\"]", "'host.ip' is not an IP address: '10.0.0.256'")]
    public void Out_of_range_and_malformed_values_are_errors(string path, string literal, string expected)
    {
        Assert.Equal(expected, Normalizing.Rejected(OcsfJsonEdits.WithLiteral(EcsSamples.NestedAlert, path, literal)));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Non_json_number_literals_are_errors(string literal)
    {
        string error = Normalizing.Rejected(OcsfJsonEdits.WithLiteral(EcsSamples.NestedAlert, "event/severity", literal));
        Assert.StartsWith("the item is not valid JSON", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing required field 'event.kind'", "event/kind")]
    [InlineData("missing required field '@timestamp'", "@timestamp")]
    [InlineData("missing required field 'kibana.alert.rule.name'", "rule/name")]
    [InlineData("missing required field 'kibana.alert.severity'", "event/severity", "event/risk_score")]
    [InlineData("the alert names no internal host (src and dst are outside the internal networks)", "host", "source/ip")]
    public void Missing_required_fields_are_errors(string expected, params string[] removed)
    {
        Assert.Equal(expected, Normalizing.Rejected(OcsfJsonEdits.Without(EcsSamples.NestedAlert, removed), AlertFormat.Ecs));
    }

    [Fact]
    public void A_field_given_both_dotted_and_nested_is_a_duplicate()
    {
        string item = OcsfJsonEdits.With(EcsSamples.NestedAlert, "host.name", "other");
        Assert.Equal("field 'host.name' appears more than once", Normalizing.Rejected(item));
    }

    [Fact]
    public void Several_values_of_a_multi_valued_field_are_not_duplicates()
    {
        string item = OcsfJsonEdits.With(EcsSamples.NestedAlert, "threat", JsonNode.Parse("""
            {"technique":[{"id":"T1059"},{"id":"T1204"}],"tactic":[{"id":"TA0002"},{"id":"TA0005"}]}
            """));
        var alert = Normalizing.Accepted(item);
        Assert.Equal("T1059", alert.Technique);
        Assert.Equal("TA0002", alert.Tactic);
    }

    [Fact]
    public void Empty_arrays_read_as_absent()
    {
        string item = OcsfJsonEdits.With(OcsfJsonEdits.With(EcsSamples.NestedAlert, "host/ip", new JsonArray()), "user/name", new JsonArray());
        var alert = Normalizing.Accepted(item);
        Assert.Null(alert.User);
        Assert.DoesNotContain(new Observable(ObservableKind.Ip, "fe80::1"), alert.Observables);
    }

    [Fact]
    public void A_source_that_is_not_an_object_is_an_error()
    {
        Assert.Equal("'_source' must be an object, not a string", Normalizing.Rejected("""{"_index":"x","_id":"1","_source":"oops"}"""));
    }

    [Fact]
    public void An_escaped_property_name_is_read_as_its_text()
    {
        string item = EcsSamples.NestedAlert.Replace("\"user\":{\"name\":\"alice\"}", "\"us\\u0065r.n\\u0061me\":\"alice\"", StringComparison.Ordinal);
        Assert.NotEqual(EcsSamples.NestedAlert, item);
        Assert.Equal("alice", Normalizing.Accepted(item).User);
    }

    [Fact]
    public void A_lone_surrogate_in_a_property_name_is_skipped()
    {
        string item = EcsSamples.NestedAlert.TrimEnd()[..^1] + ",\"\\ud800\":1}";
        Assert.True(Normalizing.Normalize(item).IsSuccess);
    }
}

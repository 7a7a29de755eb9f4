using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>OCSF input made to hurt: each gives a per-item error naming the field, never an exception.</summary>
public sealed class OcsfHostileInputTests
{
    /// <summary>Every field the parser reads (slash path in the sample, the name the error gives).</summary>
    public static TheoryData<string, string> ReadFields() => new()
    {
        { "class_uid", "class_uid" },
        { "time", "time" },
        { "severity_id", "severity_id" },
        { "severity", "severity" },
        { "category_name", "category_name" },
        { "metadata/product/name", "metadata.product.name" },
        { "metadata/product/vendor_name", "metadata.product.vendor_name" },
        { "metadata/event_code", "metadata.event_code" },
        { "finding_info/title", "finding_info.title" },
        { "finding_info/uid", "finding_info.uid" },
        { "finding_info/created_time", "finding_info.created_time" },
        { "finding_info/types", "finding_info.types" },
        { "finding_info/analytic/uid", "finding_info.analytic.uid" },
        { "finding_info/attacks/0/technique/uid", "finding_info.attacks.technique.uid" },
        { "finding_info/attacks/0/sub_technique/uid", "finding_info.attacks.sub_technique.uid" },
        { "finding_info/attacks/0/tactic/uid", "finding_info.attacks.tactic.uid" },
        { "device/hostname", "device.hostname" },
        { "device/ip", "device.ip" },
        { "actor/user/name", "actor.user.name" },
        { "src_endpoint/ip", "src_endpoint.ip" },
        { "src_endpoint/port", "src_endpoint.port" },
        { "dst_endpoint/hostname", "dst_endpoint.hostname" },
        { "connection_info/protocol_name", "connection_info.protocol_name" },
        { "observables", "observables" },
        { "observables/0/type_id", "observables[].type_id" },
        { "observables/0/value", "observables[].value" },
        { "evidences", "evidences" },
        { "evidences/0/file/path", "evidences[].file.path" },
        { "evidences/0/file/hashes", "evidences[].file.hashes" },
        { "evidences/0/file/hashes/0/value", "evidences[].file.hashes[].value" },
        { "evidences/0/process/file/path", "evidences[].process.file.path" },
        { "evidences/0/url/url_string", "evidences[].url.url_string" },
        { "evidences/0/query/hostname", "evidences[].query.hostname" },
        { "finding_info", "finding_info" },
        { "device", "device" },
        { "finding_info/attacks", "finding_info.attacks" },
        { "status_code", "status_code" },
        { "compliance", "compliance" },
    };

    [Theory]
    [MemberData(nameof(ReadFields))]
    public void A_boolean_in_any_read_field_is_an_error_naming_it(string path, string name)
    {
        string error = Normalizing.Rejected(OcsfJsonEdits.With(OcsfSamples.EdrFinding, path, true));
        Assert.Contains($"'{name}' must be", error, StringComparison.Ordinal);
        Assert.EndsWith("not a boolean", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ReadFields))]
    public void An_object_or_array_where_a_value_belongs_is_an_error_or_read_as_the_container_it_is(string path, string name)
    {
        var result = Normalizing.Normalize(OcsfJsonEdits.With(OcsfSamples.EdrFinding, path, new JsonArray(new JsonObject())));
        Assert.True(result.IsSuccess || result.Error!.Contains(name, StringComparison.Ordinal), result.Error);
    }

    [Theory]
    [InlineData("time", "1e308")]
    [InlineData("time", "123456789012345678901234567890")]
    [InlineData("time", "-1")]
    [InlineData("time", "4133980800000")] // 2101-01-01 in ms
    [InlineData("finding_info/created_time", "1e999")]
    public void Huge_or_negative_times_are_errors(string path, string literal)
    {
        string error = Normalizing.Rejected(OcsfJsonEdits.WithLiteral(OcsfSamples.EdrFinding, path, literal));
        Assert.Matches("^'(time|finding_info.created_time)' is not epoch milliseconds in 1970..2100: ", error);
    }

    [Theory]
    [InlineData("severity_id", "7")]
    [InlineData("severity_id", "-1")]
    [InlineData("severity_id", "1e308")]
    [InlineData("class_uid", "2004.5")]
    [InlineData("src_endpoint/port", "65536")]
    public void Out_of_range_numbers_are_errors(string path, string literal)
    {
        string error = Normalizing.Rejected(OcsfJsonEdits.WithLiteral(OcsfSamples.EdrFinding, path, literal));
        Assert.Contains(literal, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void Non_json_number_literals_are_errors(string literal)
    {
        string error = Normalizing.Rejected(OcsfJsonEdits.WithLiteral(OcsfSamples.EdrFinding, "time", literal));
        Assert.StartsWith("the item is not valid JSON", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing required field 'class_uid'", "class_uid")]
    [InlineData("missing required field 'metadata.product.name'", "metadata")]
    [InlineData("missing required field 'time'", "time", "finding_info/created_time")]
    [InlineData("missing required field 'finding_info.title'", "finding_info/title")]
    [InlineData("missing required field 'severity_id'", "severity_id", "severity")]
    [InlineData("the alert names no internal host (it has no host, src or dst)", "device", "src_endpoint", "dst_endpoint")]
    public void Missing_required_fields_are_errors(string expected, params string[] removed)
    {
        Assert.Equal(expected, Normalizing.Rejected(OcsfJsonEdits.Without(OcsfSamples.EdrFinding, removed), AlertFormat.Ocsf));
    }

    [Fact]
    public void A_field_given_both_nested_and_dotted_is_a_duplicate()
    {
        string item = OcsfJsonEdits.With(OcsfSamples.EdrFinding, "finding_info.title", "Another title");
        Assert.Equal("field 'finding_info.title' appears more than once", Normalizing.Rejected(item));
    }

    [Fact]
    public void Malformed_mitre_ids_are_errors()
    {
        Assert.Equal(
            "'finding_info.attacks.technique.uid' is not a MITRE ATT&CK technique id (T1003 or T1003.001): 'T13'",
            Normalizing.Rejected(OcsfJsonEdits.With(OcsfSamples.EdrFinding, "finding_info/attacks/0/technique/uid", "T13")));
    }

    [Fact]
    public void Bad_observable_address_is_an_error()
    {
        string item = OcsfJsonEdits.With(OcsfSamples.EdrFinding, "observables/0", new JsonObject { ["type_id"] = 2, ["value"] = "10.0.0.300" });
        Assert.Equal("'observables[].value' is not an IP address: '10.0.0.300'", Normalizing.Rejected(item));
    }

    [Fact]
    public void Deep_nesting_in_a_skipped_field_is_an_error()
    {
        string item = OcsfJsonEdits.WithLiteral(OcsfSamples.EdrFinding, "unmapped", new string('[', 100) + new string(']', 100));
        Assert.StartsWith("the item is not valid JSON: The maximum configured depth of 64", Normalizing.Rejected(item), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_strings_are_errors()
    {
        string item = OcsfJsonEdits.With(OcsfSamples.EdrFinding, "finding_info/title", new string('t', 9000));
        Assert.Equal("'finding_info.title' is longer than 8192 characters", Normalizing.Rejected(item));
    }

    [Fact]
    public void A_very_long_property_name_is_skipped_as_unknown()
    {
        string item = OcsfJsonEdits.With(OcsfSamples.EdrFinding, "device/" + new string('h', 500), 1);
        Assert.Equal("WS-17", Normalizing.Accepted(item).ObservedHost);
    }
}

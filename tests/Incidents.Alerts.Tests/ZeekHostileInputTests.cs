using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>Zeek input made to hurt: each gives a per-item error naming the field, never an exception.</summary>
public sealed class ZeekHostileInputTests
{
    private static string Notice => Encoding.UTF8.GetString(ZeekSamples.Items(ZeekSamples.WrccdcNotices)[0].Span);

    private static string Apt29Notice => Encoding.UTF8.GetString(ZeekSamples.Items(ZeekSamples.Apt29Notices[0])[0].Span);

    public static TheoryData<string> DottedFields() =>
        ["ts", "uid", "fuid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "note", "msg", "sub", "src", "dst", "p"];

    public static TheoryData<string> UnderscoredFields() => ["id_orig_h", "id_orig_p", "id_resp_h", "id_resp_p"];

    [Theory]
    [MemberData(nameof(DottedFields))]
    public void A_boolean_in_any_read_field_is_an_error_naming_it(string field)
    {
        string error = Normalizing.Rejected(OcsfJsonEdits.With(Notice, field, true));
        Assert.Matches($"^'{field.Replace(".", "\\.", StringComparison.Ordinal)}' must be .*, not a boolean$", error);
    }

    [Theory]
    [MemberData(nameof(UnderscoredFields))]
    public void A_boolean_in_an_underscored_id_field_is_an_error_naming_it(string field)
    {
        string error = Normalizing.Rejected(OcsfJsonEdits.With(Apt29Notice, field, false));
        Assert.StartsWith($"'{field}' must be ", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DottedFields))]
    public void An_object_in_any_read_field_is_an_error_naming_it(string field)
    {
        string error = Normalizing.Rejected(OcsfJsonEdits.With(Notice, field, new JsonObject { ["x"] = 1 }));
        Assert.Contains($"'{field}' must be", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ts", "1e308", "'ts' is not epoch seconds in 1970..2100: '1e308'")]
    [InlineData("ts", "4133980800", "'ts' is not epoch seconds in 1970..2100: '4133980800'")]
    [InlineData("ts", "-1", "'ts' is not epoch seconds in 1970..2100: '-1'")]
    [InlineData("ts", "1588207244740", "'ts' is not epoch seconds in 1970..2100: '1588207244740'")]
    [InlineData("ts", "\"2018-03-24T17:15\"", "'ts' is not a valid time: '2018-03-24T17:15'")]
    [InlineData("id.orig_p", "65536", "'id.orig_p' is not a port number (0..65535): '65536'")]
    [InlineData("p", "1.5", "'p' is not an integer: '1.5'")]
    [InlineData("src", "\"10.0.0.1.1\"", "'src' is not an IP address: '10.0.0.1.1'")]
    public void Out_of_range_and_malformed_values_are_errors(string field, string literal, string expected)
    {
        Assert.Equal(expected, Normalizing.Rejected(OcsfJsonEdits.WithLiteral(Notice, field, literal)));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    public void Non_json_number_literals_are_errors(string literal)
    {
        Assert.StartsWith("the item is not valid JSON", Normalizing.Rejected(OcsfJsonEdits.WithLiteral(Notice, "ts", literal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fields_are_errors()
    {
        Assert.Equal("missing required field 'ts'", Normalizing.Rejected(OcsfJsonEdits.Without(Notice, "ts")));
        Assert.Equal("missing required field 'note'", Normalizing.Rejected(OcsfJsonEdits.Without(ZeekSamples.ScanNotice, "note"), AlertFormat.Zeek));
        Assert.Equal(
            "the alert names no internal host (it has no host, src or dst)",
            Normalizing.Rejected(OcsfJsonEdits.Without(ZeekSamples.ScanNotice, "src", "dst")));
    }

    [Fact]
    public void Both_spellings_of_one_field_are_a_duplicate()
    {
        string item = OcsfJsonEdits.With(Notice, "id_orig_h", "10.0.0.1");
        Assert.Equal("field 'id_orig_h' appears more than once", Normalizing.Rejected(item));
    }

    [Fact]
    public void An_empty_note_is_no_note()
    {
        string item = OcsfJsonEdits.With(Notice, "note", "");
        Assert.Equal("missing required field 'note'", Normalizing.Rejected(item));
    }

    [Fact]
    public void Long_strings_are_errors()
    {
        Assert.Equal("'msg' is longer than 8192 characters", Normalizing.Rejected(OcsfJsonEdits.With(Notice, "msg", new string('m', 9000))));
    }
}

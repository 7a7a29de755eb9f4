using System.Text;

namespace Incidents.Alerts.Tests;

public sealed class AlertBatchTests
{
    [Fact]
    public void Json_array_gives_each_elements_exact_bytes()
    {
        var items = Split("""[ {"a":1} , {"b":[1,{"c":2}]},"text", 5, null, [1] ]""");
        Assert.Equal(["""{"a":1}""", """{"b":[1,{"c":2}]}""", "\"text\"", "5", "null", "[1]"], items);
    }

    [Fact]
    public void Non_object_elements_are_items_that_normalise_to_errors()
    {
        var items = AlertBatch.Split(Encoding.UTF8.GetBytes("""["text", 5, [1]]"""), BatchForm.Json);
        Assert.Equal(
            ["the item is a string, not a JSON object", "the item is a number, not a JSON object", "the item is an array, not a JSON object"],
            items.Select(item => Normalizing.Rejected(Normalizing.Default.Normalize(item.Span))));
    }

    [Fact]
    public void Single_object_is_one_item()
    {
        Assert.Equal(["""{"a":{"b":[]}}"""], Split(""" {"a":{"b":[]}}  """ + "\n"));
    }

    [Fact]
    public void Empty_array_is_no_items()
    {
        Assert.Empty(Split("[]"));
        Assert.Empty(Split(" [ \r\n ] "));
    }

    [Fact]
    public void Byte_order_mark_is_skipped()
    {
        Assert.Equal(["{}"], Split("\uFEFF[{}]"));
        Assert.Equal(["{}"], Split("\uFEFF{}\n", BatchForm.NdJson));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("[{\"a\":1},]")]
    [InlineData("[{\"a\":1}")]
    [InlineData("{\"a\":1} {\"b\":2}")]
    [InlineData("[{\"a\":1}] x")]
    [InlineData("{\"a\":NaN}")]
    public void Body_that_is_not_json_is_refused(string body)
    {
        var error = Assert.Throws<BatchFormatException>(() => Split(body));
        Assert.StartsWith("the body is not valid JSON at line 1, byte ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n ")]
    [InlineData("\uFEFF")]
    public void Empty_body_is_refused(string body)
    {
        Assert.Equal(
            "the body is empty; expected a JSON object or an array of objects",
            Assert.Throws<BatchFormatException>(() => Split(body)).Message);
    }

    [Fact]
    public void Json_error_says_what_and_where()
    {
        var error = Assert.Throws<BatchFormatException>(() => Split("[\n {\"a\":1},\n {\"b\":x}\n]"));
        Assert.Equal("the body is not valid JSON at line 3, byte 7 of that line: 'x' is an invalid start of a value.", error.Message);
    }

    [Theory]
    [InlineData("42", "the body is a number; expected a JSON object or an array of objects")]
    [InlineData("\"x\"", "the body is a string; expected a JSON object or an array of objects")]
    [InlineData("null", "the body is null; expected a JSON object or an array of objects")]
    public void Json_scalar_body_is_refused(string body, string expected)
    {
        Assert.Equal(expected, Assert.Throws<BatchFormatException>(() => Split(body)).Message);
    }

    [Fact]
    public void Too_many_items_are_refused()
    {
        string threeObjects = "[{},{},{}]";
        Assert.Equal(3, Split(threeObjects, maxItems: 3).Count);
        Assert.Equal("batch has more than 2 items", Assert.Throws<BatchFormatException>(() => Split(threeObjects, maxItems: 2)).Message);
        Assert.Equal("batch has more than 2 items", Assert.Throws<BatchFormatException>(() => Split("{}\n{}\n{}", BatchForm.NdJson, 2)).Message);
        Assert.Equal(2, Split("{}\n\n{}\n\n", BatchForm.NdJson, 2).Count);
    }

    [Fact]
    public void Default_limit_is_ten_thousand()
    {
        string body = "[" + string.Join(',', Enumerable.Repeat("{}", 10_000)) + "]";
        Assert.Equal(10_000, Split(body).Count);
        Assert.Throws<BatchFormatException>(() => Split("[{}," + body[1..]));
    }

    [Fact]
    public void Ndjson_keeps_good_lines_around_a_bad_one()
    {
        string good1 = NativeSamples.Minimal().ToJsonString();
        string good2 = SuricataSamples.Minimal.ReplaceLineEndings("");
        string body = $"{good1}\n{{\"title\": \"broken\", \n{good2}\n";
        var items = AlertBatch.Split(Encoding.UTF8.GetBytes(body), BatchForm.NdJson);

        Assert.Equal(3, items.Count);
        var results = items.Select(item => Normalizing.Default.Normalize(item.Span)).ToList();
        Assert.True(results[0].IsSuccess);
        Assert.StartsWith("the item is not valid JSON", Normalizing.Rejected(results[1]), StringComparison.Ordinal);
        Assert.True(results[2].IsSuccess);
    }

    [Fact]
    public void Ndjson_takes_crlf_and_skips_blank_lines()
    {
        var items = Split("\r\n{\"a\":1}\r\n\r\n  \t \r\n{\"b\":2}\r\n\n[1]", BatchForm.NdJson);
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "[1]"], items);
    }

    [Fact]
    public void Ndjson_last_line_needs_no_newline_and_garbage_is_still_an_item()
    {
        Assert.Equal(["{}", "not json at all", "{\"x\":"], Split("{}\nnot json at all\n{\"x\":", BatchForm.NdJson));
        Assert.Empty(Split("", BatchForm.NdJson));
        Assert.Empty(Split("\n\r\n  \n", BatchForm.NdJson));
    }

    [Fact]
    public void Deeply_nested_item_fails_alone_not_the_batch()
    {
        string deep = "{\"source\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        var items = AlertBatch.Split(Encoding.UTF8.GetBytes($"[{deep}, {NativeSamples.Minimal().ToJsonString()}]"), BatchForm.Json);
        Assert.Equal(2, items.Count);
        Assert.Contains("depth", Normalizing.Rejected(Normalizing.Default.Normalize(items[0].Span)), StringComparison.Ordinal);
        Assert.True(Normalizing.Default.Normalize(items[1].Span).IsSuccess);
    }

    [Fact]
    public void Items_are_slices_of_the_body_not_copies()
    {
        byte[] body = Encoding.UTF8.GetBytes("[{\"a\":1}]");
        var item = AlertBatch.Split(body, BatchForm.Json)[0];
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(item, out var segment));
        Assert.Same(body, segment.Array);
        Assert.Equal(1, segment.Offset);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AlertBatch.Split(new byte[2], BatchForm.Json, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlertBatch.Split(new byte[2], (BatchForm)7));
    }

    private static List<string> Split(string body, BatchForm form = BatchForm.Json, int maxItems = 10_000) =>
        AlertBatch.Split(Encoding.UTF8.GetBytes(body), form, maxItems).Select(item => Encoding.UTF8.GetString(item.Span)).ToList();
}

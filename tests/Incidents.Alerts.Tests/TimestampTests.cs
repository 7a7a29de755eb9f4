using System.Globalization;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>The hand-written ISO 8601 parser, through both formats' time fields; times without an offset are UTC by default.</summary>
public sealed class TimestampTests
{
    [Theory]
    [InlineData("2017-03-25T16:49:58Z", "2017-03-25T16:49:58.0000000+00:00")]
    [InlineData("2017-03-25T16:49:58z", "2017-03-25T16:49:58.0000000+00:00")]
    [InlineData("2017-03-25T16:49:58+00:00", "2017-03-25T16:49:58.0000000+00:00")]
    [InlineData("2017-03-25T16:49:58-00:00", "2017-03-25T16:49:58.0000000+00:00")]
    [InlineData("2017-03-25T16:49:58-0600", "2017-03-25T16:49:58.0000000-06:00")]
    [InlineData("2017-03-25T16:49:58-06:00", "2017-03-25T16:49:58.0000000-06:00")]
    [InlineData("2017-03-25T16:49:58+0530", "2017-03-25T16:49:58.0000000+05:30")]
    [InlineData("2017-03-25T16:49:58+05", "2017-03-25T16:49:58.0000000+05:00")]
    [InlineData("2017-03-25T16:49:58+14:00", "2017-03-25T16:49:58.0000000+14:00")]
    [InlineData("2017-03-25T16:49:58.8Z", "2017-03-25T16:49:58.8000000+00:00")]
    [InlineData("2017-03-25T16:49:58.85Z", "2017-03-25T16:49:58.8500000+00:00")]
    [InlineData("2017-03-25T16:49:58.856Z", "2017-03-25T16:49:58.8560000+00:00")]
    [InlineData("2017-03-25T16:49:58.8563Z", "2017-03-25T16:49:58.8563000+00:00")]
    [InlineData("2017-03-25T16:49:58.85633Z", "2017-03-25T16:49:58.8563300+00:00")]
    [InlineData("2017-03-25T16:49:58.856335-0600", "2017-03-25T16:49:58.8563350-06:00")]
    [InlineData("2017-03-25T16:49:58.8563351+06:00", "2017-03-25T16:49:58.8563351+06:00")]
    [InlineData("2017-03-25T16:49:58.856335123Z", "2017-03-25T16:49:58.8563351+00:00")] // nanoseconds: cut to ticks
    [InlineData("2017-03-25 16:49:58Z", "2017-03-25T16:49:58.0000000+00:00")]
    [InlineData("2016-02-29T00:00:00Z", "2016-02-29T00:00:00.0000000+00:00")]
    [InlineData("1970-01-01T00:00:00Z", "1970-01-01T00:00:00.0000000+00:00")]
    [InlineData("2100-12-31T23:59:59.9999999Z", "2100-12-31T23:59:59.9999999+00:00")]
    public void Legal_forms_are_read(string text, string expected)
    {
        var want = DateTimeOffset.ParseExact(expected, "o", CultureInfo.InvariantCulture);
        foreach (var alert in new[] { Suricata(text), Native(text) })
        {
            var accepted = Normalizing.Accepted(alert);
            Assert.Equal(want, accepted.Time);
            Assert.Equal(want.Offset, accepted.Time.Offset);
            Assert.False(accepted.TimeOffsetAssumed);
        }
    }

    [Theory]
    [InlineData("2019-01-02T03:50:11.315110", "2019-01-02T03:50:11.3151100+00:00")] // older Suricata's EVE
    [InlineData("2019-01-02T03:50:11", "2019-01-02T03:50:11.0000000+00:00")]
    [InlineData("2019-01-02 03:50:11", "2019-01-02T03:50:11.0000000+00:00")]     // NXLog's EventTime form
    [InlineData("2019-01-02t03:50:11.1", "2019-01-02T03:50:11.1000000+00:00")]
    [InlineData("1970-01-01T00:00:00", "1970-01-01T00:00:00.0000000+00:00")]
    [InlineData("2100-12-31T23:59:59.9999999", "2100-12-31T23:59:59.9999999+00:00")]
    public void Times_without_an_offset_are_read_as_utc_and_marked(string text, string expected)
    {
        var want = DateTimeOffset.ParseExact(expected, "o", CultureInfo.InvariantCulture);
        foreach (var alert in new[] { Suricata(text), Native(text) })
        {
            var accepted = Normalizing.Accepted(alert);
            Assert.Equal(want, accepted.Time);
            Assert.Equal(TimeSpan.Zero, accepted.Time.Offset);
            Assert.True(accepted.TimeOffsetAssumed);
        }
    }

    [Theory]
    [InlineData("2017-13-25T16:49:58Z")]      // month 13
    [InlineData("2017-00-25T16:49:58Z")]
    [InlineData("2017-02-29T16:49:58Z")]      // not a leap year
    [InlineData("2017-04-31T16:49:58Z")]
    [InlineData("2017-03-25T24:00:00Z")]
    [InlineData("2017-03-25T16:60:58Z")]
    [InlineData("2017-03-25T16:49:60Z")]      // leap seconds cannot be held
    [InlineData("2017-13-99")]
    [InlineData("2017-03-25")]
    [InlineData("2017-03-25T16:49")]          // no seconds
    [InlineData("2017-03-25T16:49:58.Z")]
    [InlineData("2017-03-25T16:49:58.")]
    [InlineData("2017-03-25T16:49:58+15:00")]
    [InlineData("2017-03-25T16:49:58+05:60")]
    [InlineData("2017-03-25T16:49:58+5:00")]
    [InlineData("2017-03-25T16:49:58-060")]
    [InlineData("2017-03-25T16:49:58 Z")]
    [InlineData("2017-03-25T16:49:58Zjunk")]
    [InlineData(" 2017-03-25T16:49:58Z")]
    [InlineData("2017/03/25T16:49:58Z")]
    [InlineData("17-03-25T16:49:58Z")]
    [InlineData("+2017-03-25T16:49:58Z")]
    [InlineData("2017-03-25X16:49:58Z")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("0001-01-01T00:00:00+01:00")] // before DateTimeOffset.MinValue in UTC
    [InlineData("Sat, 25 Mar 2017 16:49:58 GMT")]
    [InlineData("２０17-03-25T16:49:58Z")]     // full-width digits
    public void Illegal_forms_are_errors(string text)
    {
        string echo = JsonValue.Create(text).ToJsonString()[1..^1];
        Assert.Equal($"'timestamp' is not a valid time: '{echo}'", Normalizing.Rejected(Suricata(text)));
        Assert.Equal($"'time' is not a valid time: '{echo}'", Normalizing.Rejected(Native(text)));
    }

    [Theory]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("2101-01-01T00:00:00Z")]
    [InlineData("2100-12-31T20:00:00-06:00")] // 2101 in UTC
    [InlineData("1969-12-31T23:59:59.9999999")]
    [InlineData("2101-01-01T00:00:00")]
    [InlineData("9999-12-31T23:59:59Z")]
    public void Times_outside_1970_to_2100_are_errors(string text)
    {
        Assert.Equal($"'timestamp' is not a time in 1970..2100: '{text}'", Normalizing.Rejected(Suricata(text)));
        Assert.Equal($"'time' is not a time in 1970..2100: '{text}'", Normalizing.Rejected(Native(text)));
    }

    [Theory]
    [InlineData("1490482198", "'timestamp' must be a string, not a number")] // Suricata writes strings only
    [InlineData("99999999999999999999999999999999999999999", "'timestamp' must be a string, not a number")]
    [InlineData("{}", "'timestamp' must be a string, not an object")]
    public void Suricata_timestamp_must_be_a_string(string json, string expected)
    {
        var item = JsonNode.Parse(SuricataSamples.Minimal)!.AsObject();
        item["timestamp"] = JsonNode.Parse(json);
        Assert.Equal(expected, Normalizing.Rejected(item.ToJsonString()));
    }

    [Fact]
    public void Huge_epoch_number_is_an_error()
    {
        var item = NativeSamples.Minimal();
        item["time"] = JsonNode.Parse("99999999999999999999999999999999999999999");
        Assert.Equal(
            "'time' is not epoch seconds in 1970..2100: '99999999999999999999999999999999999999999'",
            Normalizing.Rejected(item.ToJsonString()));
    }

    [Fact]
    public void Escaped_timestamp_is_read()
    {
        string item = SuricataSamples.Minimal.Replace("\"2017-03-25T16:49:58.856335-0600\"", "\"\\u0032017-03-25T16:49:58.856335\\u002d0600\"", StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2017, 3, 25, 22, 49, 58, TimeSpan.Zero).AddTicks(8_563_350), Normalizing.Accepted(item).Time);
    }

    private static string Suricata(string timestamp)
    {
        var item = JsonNode.Parse(SuricataSamples.Minimal)!.AsObject();
        item["timestamp"] = timestamp;
        return item.ToJsonString();
    }

    private static string Native(string time)
    {
        var item = NativeSamples.Minimal();
        item["time"] = time;
        return item.ToJsonString();
    }
}

using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>
/// Times written without an offset (older Suricata, NXLog's EventTime): read in the zone configured for their source,
/// else as UTC, always marked; times with an offset are the sensor's word and never shifted.
/// </summary>
public sealed class SourceTimeZoneTests
{
    private const string OffsetLess = "2019-01-02T03:50:11.315110";

    [Theory]
    [InlineData("+02:00", "2019-01-02T03:50:11.3151100+02:00")]
    [InlineData("-0530", "2019-01-02T03:50:11.3151100-05:30")]
    [InlineData("Z", "2019-01-02T03:50:11.3151100+00:00")]
    [InlineData("Europe/Berlin", "2019-01-02T03:50:11.3151100+01:00")] // winter: CET
    [InlineData("America/New_York", "2019-01-02T03:50:11.3151100-05:00")]
    [InlineData("UTC", "2019-01-02T03:50:11.3151100+00:00")]
    public void A_source_zone_shifts_a_suricata_time_without_an_offset_and_marks_it(string zone, string expected)
    {
        var alert = Normalizing.Accepted(Normalizer(("suricata", zone)).Normalize(Suricata(OffsetLess)));

        var want = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(want, alert.Time);
        Assert.Equal(want.Offset, alert.Time.Offset);
        Assert.True(alert.TimeOffsetAssumed);
    }

    [Fact]
    public void A_zone_follows_daylight_saving_and_reads_a_repeated_hour_as_standard_time()
    {
        var berlin = Normalizer(("suricata", "Europe/Berlin"));
        Assert.Equal(TimeSpan.FromHours(2), berlin.Normalize(Suricata("2019-07-02T03:50:11")).Alert!.Time.Offset);

        // 02:30 happens twice on 27 October 2019 in Berlin: read, each time, as the second (standard time, 01:30 UTC).
        var repeated = Normalizing.Accepted(berlin.Normalize(Suricata("2019-10-27T02:30:00")));
        Assert.Equal(new DateTimeOffset(2019, 10, 27, 1, 30, 0, TimeSpan.Zero), repeated.Time);
    }

    [Fact]
    public void An_alert_with_an_offset_is_unchanged_and_not_marked_whatever_its_source_zone()
    {
        var withZone = Normalizer(("suricata", "+05:00"));
        foreach (var text in new[] { "2017-03-25T16:49:58.856335-0600", "2019-01-02T03:50:11Z" })
        {
            var plain = Normalizing.Accepted(Normalizing.Default.Normalize(Suricata(text)));
            var zoned = Normalizing.Accepted(withZone.Normalize(Suricata(text)));
            Assert.False(zoned.TimeOffsetAssumed);
            Assert.Equal(plain.Time, zoned.Time);
            Assert.Equal(plain.Time.Offset, zoned.Time.Offset);
            Assert.Equal(plain.Fingerprint, zoned.Fingerprint);
        }
    }

    [Fact]
    public void A_zone_is_the_named_sources_alone_in_any_case()
    {
        var normalizer = Normalizer(("EDR-Test", "+03:00"), ("zeek", "+09:00"));
        var edr = NativeSamples.Minimal();
        edr["source"] = "edr-test";
        edr["time"] = OffsetLess;
        Assert.Equal(TimeSpan.FromHours(3), Normalizing.Accepted(normalizer.Normalize(Bytes(edr.ToJsonString()))).Time.Offset);

        var suricata = Normalizing.Accepted(normalizer.Normalize(Suricata(OffsetLess)));
        Assert.Equal(TimeSpan.Zero, suricata.Time.Offset);
        Assert.True(suricata.TimeOffsetAssumed);
    }

    [Fact]
    public void Redelivery_gives_the_same_ids_and_the_same_instant_written_with_an_offset_is_the_same_alert()
    {
        Normalizing.AssertSameIds([Encoding.UTF8.GetString(Suricata(OffsetLess))]);

        var zoned = Normalizer(("suricata", "+02:00"));
        var first = Normalizing.Accepted(zoned.Normalize(Suricata(OffsetLess)));
        var again = Normalizing.Accepted(zoned.Normalize(Suricata(OffsetLess)));
        Assert.Equal((first.Id, first.Fingerprint), (again.Id, again.Fingerprint));

        // The offset is assumed, not part of what the alert is: with it written out, the same instant is the same alert.
        var written = Normalizing.Accepted(zoned.Normalize(Suricata(OffsetLess + "+02:00")));
        Assert.Equal(first.Fingerprint, written.Fingerprint);
        Assert.NotEqual(first.Fingerprint, Normalizing.Accepted(Normalizing.Default.Normalize(Suricata(OffsetLess))).Fingerprint);
    }

    [Theory]
    [InlineData("+01:00", "1970-01-01T00:30:00")]
    [InlineData("-01:00", "2100-12-31T23:30:00")]
    public void A_zone_that_takes_a_time_out_of_1970_to_2100_is_an_error(string zone, string text)
    {
        Assert.Equal(
            $"'timestamp' is not a time in 1970..2100: '{text}'",
            Normalizing.Rejected(Normalizer(("suricata", zone)).Normalize(Suricata(text))));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("+15:00")]
    [InlineData("+2:00")]
    [InlineData("02:00")]
    [InlineData("")]
    public void A_zone_that_is_neither_an_id_nor_an_offset_is_refused_naming_the_source(string zone)
    {
        var e = Assert.Throws<FormatException>(() => SourceTimeZones.Parse([new("suricata", zone)]));
        Assert.Contains("source 'suricata'", e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SourceTimeZones.Parse([new(" ", "+02:00")]));
    }

    private static AlertNormalizer Normalizer(params (string Source, string Zone)[] zones) =>
        new(new NormalizerOptions { SourceTimeZones = SourceTimeZones.Parse(zones.Select(z => KeyValuePair.Create(z.Source, z.Zone))) });

    private static byte[] Suricata(string timestamp)
    {
        var item = JsonNode.Parse(SuricataSamples.Minimal)!.AsObject();
        item["timestamp"] = timestamp;
        return Bytes(item.ToJsonString());
    }

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}

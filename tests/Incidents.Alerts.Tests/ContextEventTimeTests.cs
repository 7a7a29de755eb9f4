using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>
/// Context events whose time is written without an offset (NXLog's local EventTime, a Zeek ts some exporters write
/// bare): read in the zone configured for the source, else UTC, and marked; ids stay the same on redelivery.
/// </summary>
public sealed class ContextEventTimeTests
{
    private const string PurpleSharp = "windows-logons/purplesharp_ad_playbook_I_2020-10-22042947.logon-events.ndjson";

    [Fact]
    public void An_offset_less_EventTime_alone_is_read_as_utc_and_marked()
    {
        var e = ContextNormalizing.Accepted("""{"EventID":4624,"Hostname":"WORKSTATION5","EventTime":"2020-10-22 04:29:47","TargetUserName":"bob"}""");
        Assert.Equal(new DateTimeOffset(2020, 10, 22, 4, 29, 47, TimeSpan.Zero), e.Time);
        Assert.True(e.TimeOffsetAssumed);

        var withOffset = ContextNormalizing.Accepted("""{"EventID":4624,"Hostname":"WORKSTATION5","EventTime":"2020-10-22T04:29:47-04:00","TargetUserName":"bob"}""");
        Assert.Equal(new DateTimeOffset(2020, 10, 22, 8, 29, 47, TimeSpan.Zero), withOffset.Time.ToUniversalTime());
        Assert.False(withOffset.TimeOffsetAssumed);

        // @timestamp wins wherever it is in the item, and with it nothing is assumed.
        var both = ContextNormalizing.Accepted("""{"EventTime":"2020-10-22 04:29:47","EventID":4624,"Hostname":"WORKSTATION5","@timestamp":"2020-10-22T08:29:47.5Z"}""");
        Assert.Equal(new DateTimeOffset(2020, 10, 22, 8, 29, 47, 500, TimeSpan.Zero), both.Time);
        Assert.False(both.TimeOffsetAssumed);
    }

    [Fact]
    public void With_the_hosts_zone_the_real_EventTimes_alone_give_the_shippers_time()
    {
        // The Mordor hosts logged in US Eastern time; their shipper stamped UTC a few seconds later.
        var eastern = Normalizer(("windows", "America/New_York"));
        foreach (var line in ContextNormalizing.Lines(PurpleSharp))
        {
            var item = JsonNode.Parse(line)!.AsObject();
            var shipped = DateTimeOffset.Parse((string)item["@timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
            item.Remove("@timestamp");
            var bytes = Encoding.UTF8.GetBytes(item.ToJsonString());

            var e = ContextNormalizing.Accepted(eastern.Normalize(bytes));
            Assert.True(e.TimeOffsetAssumed);
            Assert.Equal(TimeSpan.FromHours(-4), e.Time.Offset);
            Assert.InRange(shipped - e.Time, TimeSpan.Zero, TimeSpan.FromSeconds(11));

            // Without the zone the same text is read as UTC: four hours off, and marked so that it shows.
            var utc = ContextNormalizing.Accepted(ContextNormalizing.Default.Normalize(bytes));
            Assert.True(utc.TimeOffsetAssumed);
            Assert.Equal(TimeSpan.FromHours(4), e.Time - utc.Time);
        }
    }

    [Fact]
    public void A_zeek_ts_without_an_offset_is_read_as_utc_marked_and_keeps_its_ids()
    {
        var line = ContextNormalizing.Lines("zeek/brim-wrccdc-2018/dce_rpc.ndjson")[0];
        var written = ContextNormalizing.Accepted(ContextNormalizing.Default.Normalize(line));
        string bare = Encoding.UTF8.GetString(line).Replace("\"ts\":\"2018-03-24T17:15:25.396014Z\"", "\"ts\":\"2018-03-24T17:15:25.396014\"", StringComparison.Ordinal);
        Assert.NotEqual(Encoding.UTF8.GetString(line), bare);

        var first = ContextNormalizing.Accepted(bare);
        var again = ContextNormalizing.Accepted(bare);
        Assert.Equal(written.Time, first.Time);
        Assert.True(first.TimeOffsetAssumed);
        Assert.False(written.TimeOffsetAssumed);
        Assert.Equal((written.Id, written.Fingerprint), (first.Id, first.Fingerprint));
        Assert.Equal((first.Id, first.Fingerprint), (again.Id, again.Fingerprint));

        // In a zone the instant moves, and with it the fingerprint; the record's own id (uid, ts as written) stays.
        var zoned = ContextNormalizing.Accepted(Normalizer(("zeek", "+02:00")).Normalize(Encoding.UTF8.GetBytes(bare)));
        Assert.Equal(written.Time.AddHours(-2), zoned.Time);
        Assert.Equal(written.Id, zoned.Id);
        Assert.NotEqual(written.Fingerprint, zoned.Fingerprint);
    }

    private static ContextEventNormalizer Normalizer(params (string Source, string Zone)[] zones) =>
        new(new NormalizerOptions { SourceTimeZones = SourceTimeZones.Parse(zones.Select(z => KeyValuePair.Create(z.Source, z.Zone))) });
}

namespace Incidents.Alerts.Tests;

/// <summary>
/// The format detector's table, through the public API: an item detected as format F gives exactly what forcing F
/// gives, and (for the non-native rows) not what forcing native gives. Parsers word their errors differently, so
/// equal outcomes mean the same parser ran.
/// </summary>
public sealed class OcsfEcsZeekDetectionTests
{
    public static TheoryData<string, AlertFormat> Table() => new()
    {
        { """{"event_type":"alert","class_uid":2004}""", AlertFormat.Suricata },
        { """{"class_uid":2004,"event_type":"alert"}""", AlertFormat.Ocsf },
        { """{"class_uid":3002}""", AlertFormat.Ocsf },
        { """{"@timestamp":"2026-11-27T10:00:00Z","class_uid":2004}""", AlertFormat.Ocsf },
        { """{"event.kind":"signal"}""", AlertFormat.Ecs },
        { """{"event":{"kind":"alert"}}""", AlertFormat.Ecs },
        { """{"_index":"x","_id":"1","_source":{}}""", AlertFormat.Ecs },
        { """{"kibana.alert.rule.name":"r"}""", AlertFormat.Ecs },
        { """{"kibana.alert":{"uuid":"u"}}""", AlertFormat.Ecs },
        { """{"kibana":{"alert":{}}}""", AlertFormat.Ecs },
        { """{"@timestamp":"2026-11-27T10:00:00Z","message":"m"}""", AlertFormat.Ecs },
        { """{"note":"Scan::Port_Scan"}""", AlertFormat.Zeek },
        { """{"uid":"C1","id.orig_h":"10.0.0.1","ts":1}""", AlertFormat.Zeek },
        { """{"id_orig_h":"10.0.0.1","uid":"C1","ts":1}""", AlertFormat.Zeek },
        { """{"@timestamp":"2026-11-27T10:00:00Z","uid":"C1","id.orig_h":"10.0.0.1","ts":1}""", AlertFormat.Zeek },
        { """{"@timestamp":"2026-11-27T10:00:00Z","event_type":"alert"}""", AlertFormat.Suricata },
        { """{"source":"edr","event":"not an object","kibana":"nor this"}""", AlertFormat.Native },
        { """{"source":"edr","uid":"C1"}""", AlertFormat.Native },
        { """{"source":"edr","id.orig_h":"10.0.0.1"}""", AlertFormat.Native },
        { """{"source":"edr","raw":{"class_uid":2004,"note":"x","event.kind":"alert","@timestamp":"t"}}""", AlertFormat.Native },
        { """{"source":"edr","time":"2026-11-27T10:00:00Z","title":"t","severity":"low","host":"h"}""", AlertFormat.Native },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Auto_detection_picks_the_format(string item, AlertFormat expected)
    {
        var auto = Normalizing.Normalize(item);
        var forced = Normalizing.Normalize(item, expected);
        Assert.Equal(Outcome(forced), Outcome(auto));
        if (expected != AlertFormat.Native)
        {
            Assert.NotEqual(Outcome(Normalizing.Normalize(item, AlertFormat.Native)), Outcome(auto));
        }
    }

    [Fact]
    public void Real_samples_of_each_format_are_detected()
    {
        Assert.Equal("prowler", Normalizing.Accepted(Normalizing.Default.Normalize(OcsfSamples.AwsItems[0].Span)).Source);
        Assert.Equal("elastic", Normalizing.Accepted(Normalizing.Default.Normalize(EcsSamples.EndpointItems[0].Span)).Source);
        Assert.Equal("zeek", Normalizing.Accepted(Normalizing.Default.Normalize(ZeekSamples.Items(ZeekSamples.WrccdcNotices)[0].Span)).Source);
        Assert.Equal("suricata", Normalizing.Accepted(Normalizing.Default.Normalize(SuricataSamples.Items[0].Span)).Source);
    }

    [Fact]
    public void Forcing_a_format_reads_the_item_as_that_format()
    {
        Assert.Equal("missing required field 'class_uid'", Normalizing.Rejected(EcsSamples.NestedAlert, AlertFormat.Ocsf));
        Assert.Equal("missing required field 'event.kind'", Normalizing.Rejected(ZeekSamples.ScanNotice, AlertFormat.Ecs));
        Assert.Equal("missing required field 'note'", Normalizing.Rejected(OcsfSamples.EdrFinding, AlertFormat.Zeek));
    }

    private static string Outcome(NormalizeResult result) => result.Error ?? $"{result.Alert!.Source} {result.Alert.Id}";
}

using System.Text;
using System.Text.Json;

namespace Incidents.Alerts.Tests;

/// <summary>Zeek notices in both JSON styles, and every other real Zeek log refused as context.</summary>
public sealed class ZeekNoticeTests
{
    /// <summary>The APT29 network: 10.x is the estate; 192.168.0.4/5 are the emulated C2 servers.</summary>
    private static readonly AlertNormalizer Apt29Site = new(new NormalizerOptions { InternalNetworks = InternalNetworks.Parse(["10.0.0.0/8"]) });

    [Fact]
    public void The_two_apt29_notices_are_accepted_on_the_victim_hosts()
    {
        var (nashua, scranton) = (Apt29(0), Apt29(1));
        Assert.Equal(["10.0.1.6"], nashua.Hosts);
        Assert.Equal(["10.0.1.4"], scranton.Hosts);
        Assert.False(nashua.DestinationEndpoint!.IsInternal);

        // With the default (RFC 1918) networks the C2 at 192.168.0.4 counts as ours too, and as the destination it comes first.
        var withDefaults = Normalizing.Accepted(Normalizing.Default.Normalize(ZeekSamples.Items(ZeekSamples.Apt29Notices[0])[0].Span));
        Assert.Equal(["192.168.0.4", "10.0.1.6"], withDefaults.Hosts);
    }

    [Fact]
    public void Apt29_notice_field_by_field()
    {
        var alert = Apt29(0);
        Assert.Equal("zeek", alert.Source);
        Assert.Equal("CpnezL3085IfcJzSAe/F1v6sJmRC73GU6WT3/SSL::Invalid_Server_Cert", alert.SourceId);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(15_882_072_447_405_180), alert.Time); // 1588207244.740518
        Assert.Equal(
            "SSL::Invalid_Server_Cert: SSL certificate validation failed with (self signed certificate) " +
            "(emailAddress=synthesize@rempel.group.net,CN=rempel.group.net,OU=synthesize,O=Rempel Group,ST=SC,C=US)",
            alert.Title);
        Assert.Equal("SSL::Invalid_Server_Cert", alert.RuleId);
        Assert.Equal("SSL", alert.Category);
        Assert.Equal(Severity.Low, alert.Severity);
        Assert.Null(alert.SourceSeverity);
        Assert.Equal("tcp", alert.Protocol);
        Assert.Null(alert.ObservedHost);
        Assert.Equal(new NetworkEndpoint { Ip = "10.0.1.6", Port = 57091, IsInternal = true }, alert.SourceEndpoint);
        Assert.Equal(new NetworkEndpoint { Ip = "192.168.0.4", Port = 8443, IsInternal = false }, alert.DestinationEndpoint);
        Assert.Equal([new Observable(ObservableKind.Ip, "10.0.1.6"), new Observable(ObservableKind.Ip, "192.168.0.4")], alert.Observables);
    }

    [Fact]
    public void All_104_wrccdc_notices_are_accepted_with_their_connection()
    {
        var items = ZeekSamples.Items(ZeekSamples.WrccdcNotices);
        Assert.Equal(104, items.Count);
        var alerts = items.Select(item => Normalizing.Accepted(Normalizing.Default.Normalize(item.Span))).ToList();
        Assert.Equal(104, alerts.Select(a => a.Id).Distinct().Count());
        for (int i = 0; i < items.Count; i++)
        {
            using var line = JsonDocument.Parse(items[i]);
            var root = line.RootElement;
            var alert = alerts[i];
            Assert.Equal(root.GetProperty("id.orig_h").GetString(), alert.SourceEndpoint!.Ip);
            Assert.Equal(root.GetProperty("id.orig_p").GetInt32(), alert.SourceEndpoint.Port);
            Assert.Equal(root.GetProperty("id.resp_h").GetString(), alert.DestinationEndpoint!.Ip);
            Assert.Equal(root.GetProperty("id.resp_p").GetInt32(), alert.DestinationEndpoint.Port);
            Assert.Equal(root.GetProperty("ts").GetDateTimeOffset(), alert.Time);
            Assert.Equal("SSL::Invalid_Server_Cert", alert.RuleId);
            Assert.Equal(Severity.Low, alert.Severity);
            Assert.StartsWith("SSL::Invalid_Server_Cert: " + root.GetProperty("msg").GetString(), alert.Title, StringComparison.Ordinal);
            Assert.Contains(alert.Hosts, host => host.StartsWith("10.", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_line_of_every_other_zeek_log_is_refused_as_context()
    {
        int total = 0;
        foreach (var (file, lines) in ZeekSamples.ContextLogs)
        {
            var items = ZeekSamples.Items(file);
            Assert.Equal(lines, items.Count);
            foreach (var item in items)
            {
                string log = LogName(item);
                Assert.Equal(
                    $"a Zeek {log} entry is a context event, not an alert; send it to /api/v1/events",
                    Normalizing.Rejected(Normalizing.Default.Normalize(item.Span)));
            }

            total += items.Count;
        }

        Assert.Equal(794 + 453, total); // APT29 day 1 and the WRCCDC 2018 half
    }

    [Fact]
    public void A_zeek_entry_without_a_log_name_is_a_zeek_log_entry()
    {
        const string conn = """{"ts":1588205199.82437,"uid":"Cvf4XX17hSAgXDdGEd","id_orig_h":"10.0.1.6","id_orig_p":54243,"id_resp_h":"10.0.0.4","id_resp_p":53,"proto":"udp"}""";
        Assert.Equal("a Zeek log entry is a context event, not an alert; send it to /api/v1/events", Normalizing.Rejected(conn));
    }

    [Fact]
    public void The_context_reason_wins_over_an_earlier_field_error()
    {
        const string conn = """{"_path":"conn","proto":17,"ts":"2018-03-24T17:15:25.396014Z","uid":"C1","id.orig_h":"10.0.0.1"}""";
        Assert.Equal("a Zeek conn entry is a context event, not an alert; send it to /api/v1/events", Normalizing.Rejected(conn));
    }

    [Fact]
    public void A_scan_notice_is_filed_on_the_scanning_host_first()
    {
        var alert = Normalizing.Accepted(ZeekSamples.ScanNotice);
        Assert.Equal("Scan::Port_Scan", alert.RuleId);
        Assert.Equal(Severity.Low, alert.Severity);
        Assert.Equal("Scan", alert.Category);
        Assert.Null(alert.SourceId);
        Assert.Equal(alert.Fingerprint, alert.Id);
        Assert.True(alert.Reconnaissance);
        Assert.Equal(["10.0.1.6", "10.0.0.4"], alert.Hosts); // the scanner, then the host it scanned
        Assert.EndsWith("in 0m2s (local)", alert.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_json_styles_give_the_same_alert()
    {
        const string dotted = """
            {"_path":"notice","ts":"2020-04-30T00:40:44.740518Z","uid":"C1","id.orig_h":"10.0.1.6","id.orig_p":57091,
             "id.resp_h":"192.168.0.4","id.resp_p":8443,"proto":"tcp","note":"HTTP::SQL_Injection_Attack","msg":"m"}
            """;
        const string underscored = """
            {"@stream":"notice","ts":1588207244.740518,"uid":"C1","id_orig_h":"10.0.1.6","id_orig_p":57091,
             "id_resp_h":"192.168.0.4","id_resp_p":8443,"proto":"tcp","note":"HTTP::SQL_Injection_Attack","msg":"m"}
            """;
        const string nested = """
            {"ts":1588207244.740518,"uid":"C1","id":{"orig_h":"10.0.1.6","orig_p":57091,"resp_h":"192.168.0.4","resp_p":8443},
             "proto":"tcp","note":"HTTP::SQL_Injection_Attack","msg":"m"}
            """;
        var alerts = new[] { dotted, underscored, nested }.Select(item => Normalizing.Accepted(item)).ToList();
        Assert.All(alerts, alert =>
        {
            Assert.Equal(alerts[0].Id, alert.Id);
            Assert.Equal(alerts[0].Fingerprint, alert.Fingerprint);
            Assert.Equal(Severity.High, alert.Severity);
            Assert.Equal("C1/HTTP::SQL_Injection_Attack", alert.SourceId);
        });
    }

    [Theory]
    [InlineData("Scan::Address_Scan", Severity.Low)]
    [InlineData("Scan::Port_Scan", Severity.Low)]
    [InlineData("SSL::Invalid_Server_Cert", Severity.Low)]
    [InlineData("SSL::Certificate_Expired", Severity.Medium)]
    [InlineData("HTTP::SQL_Injection_Attack", Severity.High)]
    [InlineData("SMB::Exploit_Attempt", Severity.High)]
    [InlineData("SSH::Password_Guessing", Severity.Medium)]
    [InlineData("Weird::Activity", Severity.Medium)]
    [InlineData("Local_Attack", Severity.High)]
    public void Severity_comes_from_the_notes_name(string note, Severity expected)
    {
        Assert.Equal(expected, Normalizing.Accepted(OcsfJsonEdits.With(ZeekSamples.ScanNotice, "note", note)).Severity);
    }

    [Fact]
    public void A_long_sub_is_left_out_of_the_title_and_a_missing_msg_leaves_the_note()
    {
        var alert = Normalizing.Accepted(OcsfJsonEdits.With(ZeekSamples.ScanNotice, "sub", new string('s', 8190)));
        Assert.Equal("Scan::Port_Scan: 10.0.1.6 scanned at least 15 unique ports of host 10.0.0.4 in 0m2s", alert.Title);
        Assert.Equal("Scan::Port_Scan", Normalizing.Accepted(OcsfJsonEdits.Without(ZeekSamples.ScanNotice, "msg")).Title);
    }

    [Fact]
    public void Same_bytes_give_the_same_ids_and_whitespace_does_not_matter()
    {
        var items = ZeekSamples.Apt29Notices.SelectMany(ZeekSamples.Items)
            .Concat(ZeekSamples.Items(ZeekSamples.WrccdcNotices).Take(10))
            .Select(item => Encoding.UTF8.GetString(item.Span)).Append(ZeekSamples.ScanNotice);
        Normalizing.AssertSameIds(items);
    }

    [Fact]
    public void An_iso_ts_without_an_offset_is_read_as_utc_and_marked_and_is_the_same_alert()
    {
        string line = Encoding.UTF8.GetString(ZeekSamples.Items(ZeekSamples.WrccdcNotices)[0].Span);
        string bare = line.Replace("\"ts\":\"2018-03-24T17:15:20.629574Z\"", "\"ts\":\"2018-03-24T17:15:20.629574\"", StringComparison.Ordinal);
        Assert.NotEqual(line, bare);

        var (written, assumed) = (Normalizing.Accepted(line), Normalizing.Accepted(bare));
        Assert.Equal(written.Time, assumed.Time);
        Assert.False(written.TimeOffsetAssumed);
        Assert.True(assumed.TimeOffsetAssumed);
        Assert.Equal((written.Id, written.Fingerprint), (assumed.Id, assumed.Fingerprint));
    }

    private static Alert Apt29(int index)
    {
        var items = ZeekSamples.Items(ZeekSamples.Apt29Notices[index]);
        Assert.Single(items);
        return Normalizing.Accepted(Apt29Site.Normalize(items[0].Span));
    }

    private static string LogName(ReadOnlyMemory<byte> item)
    {
        using var document = JsonDocument.Parse(item);
        var root = document.RootElement;
        return (root.TryGetProperty("_path", out var path) ? path : root.GetProperty("@stream")).GetString()!;
    }
}

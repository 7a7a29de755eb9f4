using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>Zeek logs from the APT29 day-1 emulation (OTRF, underscore fields, epoch ts) and WRCCDC 2018 (brim, dotted fields, ISO ts).</summary>
public sealed class ContextEventZeekTests
{
    private const string Apt29 = "zeek/otrf-apt29-day1/";
    private const string Wrccdc = "zeek/brim-wrccdc-2018/";
    private const string Scranton = "10.0.1.4";
    private const string Nashua = "10.0.1.6";
    private const string NewYork = "10.0.0.4";

    [Theory]
    [InlineData("NASHUA_conn.log", 479)]
    [InlineData("SCRANTON_conn.log", 134)]
    public void Every_apt29_conn_record_is_a_connection(string file, int count)
    {
        var events = ContextNormalizing.AllAccepted(Apt29 + file);

        Assert.Equal(count, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(ContextEventKind.Connection, e.Kind);
            Assert.Equal("zeek", e.Source);
            Assert.NotNull(e.SourceEndpoint?.Ip);
            Assert.NotNull(e.DestinationEndpoint?.Ip);
            Assert.Null(e.User);
            Assert.Null(e.Success);
        });
        Assert.Equal(count, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Scranton_reaching_nashua_over_winrm_is_found()
    {
        var winrm = ContextNormalizing.AllAccepted(Apt29 + "SCRANTON_conn.log")
            .Where(e => e.SourceEndpoint!.Ip == Scranton && e.DestinationEndpoint!.Ip == Nashua && e.DestinationEndpoint.Port == 5985)
            .ToList();

        Assert.Equal(4, winrm.Count);
        var first = winrm[0];
        Assert.Equal([Nashua, Scranton], first.Hosts);
        Assert.True(first.SourceEndpoint!.IsInternal);
        Assert.StartsWith("tcp ", first.Detail, StringComparison.Ordinal);

        // The NASHUA sensor saw the same four.
        Assert.Equal(4, ContextNormalizing.AllAccepted(Apt29 + "NASHUA_conn.log")
            .Count(e => e.SourceEndpoint!.Ip == Scranton && e.DestinationEndpoint!.Ip == Nashua && e.DestinationEndpoint.Port == 5985));
    }

    [Fact]
    public void A_conn_record_reads_in_full()
    {
        var e = ContextNormalizing.AllAccepted(Apt29 + "NASHUA_conn.log")[1];

        Assert.Equal(NewYork, e.DestinationEndpoint!.Ip);
        Assert.Equal(445, e.DestinationEndpoint.Port);
        Assert.Equal(Nashua, e.SourceEndpoint!.Ip);
        Assert.Equal(56880, e.SourceEndpoint.Port);
        Assert.Equal("gssapi,smb,krb", e.Protocol);
        Assert.Equal("tcp RSTO", e.Detail);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1588205199827).AddTicks(6960), e.Time);
        Assert.Equal([NewYork, Nashua], e.Hosts);
    }

    [Theory]
    [InlineData("NASHUA_dce_rpc.log", 57)]
    [InlineData("SCRANTON_dce_rpc.log", 66)]
    public void Every_apt29_dce_rpc_record_is_a_remote_call(string file, int count)
    {
        var events = ContextNormalizing.AllAccepted(Apt29 + file);

        Assert.Equal(count, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(ContextEventKind.RemoteCall, e.Kind);
            Assert.False(string.IsNullOrEmpty(e.Protocol));
            Assert.False(string.IsNullOrEmpty(e.Detail));
        });

        // Several calls share a connection; ts and the operation keep their ids apart.
        Assert.Equal(count, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Scrantons_epmapper_calls_to_nashua_are_found()
    {
        foreach (string file in new[] { "SCRANTON_dce_rpc.log", "NASHUA_dce_rpc.log" })
        {
            var calls = ContextNormalizing.AllAccepted(Apt29 + file)
                .Where(e => e.SourceEndpoint!.Ip == Scranton && e.DestinationEndpoint!.Ip == Nashua)
                .ToList();

            Assert.Equal(6, calls.Count);
            Assert.All(calls, e =>
            {
                Assert.Equal("epmapper", e.Protocol);
                Assert.Equal("ept_map", e.Detail);
                Assert.Equal(135, e.DestinationEndpoint!.Port);
                Assert.Equal([Nashua, Scranton], e.Hosts);
            });
        }
    }

    [Fact]
    public void Domain_enumeration_over_rpc_names_its_interfaces()
    {
        var calls = ContextNormalizing.AllAccepted(Apt29 + "NASHUA_dce_rpc.log");

        Assert.Contains(calls, e => e.Protocol == "drsuapi" && e.Detail == "DRSBind" && e.DestinationEndpoint!.Ip == NewYork);
        Assert.Contains(calls, e => e.Protocol == "samr" && e.Detail == "SamrLookupNamesInDomain");
        Assert.Contains(calls, e => e.Protocol == "drsuapi" && e.Detail == "DRSCrackNames");
    }

    [Theory]
    [InlineData("NASHUA_smb_mapping.log", 5)]
    [InlineData("SCRANTON_smb_mapping.log", 6)]
    public void Every_apt29_smb_mapping_record_is_a_share_mapping(string file, int count)
    {
        var events = ContextNormalizing.AllAccepted(Apt29 + file);

        Assert.Equal(count, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(ContextEventKind.ShareMapping, e.Kind);
            Assert.Equal("smb", e.Protocol);
            Assert.Equal(NewYork, e.DestinationEndpoint!.Ip);
        });
        Assert.Contains(events, e => e.Detail == @"\\NEWYORK.dmevals.local\IPC$");
        Assert.Contains(events, e => e.Detail == @"\\NEWYORK.dmevals.local\sysvol");
    }

    [Theory]
    [InlineData("NASHUA_smb_files.log", 6)]
    [InlineData("SCRANTON_smb_files.log", 6)]
    public void Smb_file_opens_are_share_mappings_naming_the_file(string file, int count)
    {
        var events = ContextNormalizing.AllAccepted(Apt29 + file);

        Assert.Equal(count, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(ContextEventKind.ShareMapping, e.Kind);
            Assert.Equal("smb", e.Protocol);
            Assert.StartsWith(@"\\NEWYORK.dmevals.local\sysvol\dmevals.local\Policies\", e.Detail, StringComparison.Ordinal);
        });
        Assert.Contains(events, e => e.Detail!.EndsWith(@"\gpt.ini", StringComparison.Ordinal));
        Assert.Equal(count, events.Select(e => e.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("NASHUA_kerberos.log", 13, 6, 3, 4)]
    [InlineData("SCRANTON_kerberos.log", 22, 12, 4, 6)]
    public void Every_apt29_kerberos_record_is_read_by_its_outcome(string file, int count, int logons, int failures, int connections)
    {
        var events = ContextNormalizing.AllAccepted(Apt29 + file);

        Assert.Equal(count, events.Count);
        Assert.All(events, e => Assert.Equal("kerberos", e.Protocol));
        Assert.Equal(logons, events.Count(e => e.Kind == ContextEventKind.Logon && e.Success == true));
        Assert.Equal(failures, events.Count(e => e.Kind == ContextEventKind.LogonFailed && e.Success == false));

        // Records with only the connection fields: Kerberos was spoken, nothing more is known.
        var bare = events.Where(e => e.Kind == ContextEventKind.Connection).ToList();
        Assert.Equal(connections, bare.Count);
        Assert.All(bare, e =>
        {
            Assert.Null(e.User);
            Assert.Null(e.Success);
            Assert.Null(e.Detail);
        });

        Assert.All(events.Where(e => e.Kind != ContextEventKind.Connection), e => Assert.Equal(@"dmevals\pbeesly", e.User));
    }

    [Fact]
    public void Kerberos_details_say_request_service_and_error()
    {
        var events = ContextNormalizing.AllAccepted(Apt29 + "SCRANTON_kerberos.log");

        Assert.Contains(events, e => e.Kind == ContextEventKind.LogonFailed && e.Detail == "AS krbtgt/DMEVALS.LOCAL: KDC_ERR_PREAUTH_REQUIRED");
        Assert.Contains(events, e => e.Kind == ContextEventKind.Logon && e.Detail == "TGS cifs/NASHUA");
        Assert.Contains(events, e => e.Kind == ContextEventKind.Logon && e.Detail == "TGS HTTP/NASHUA");
    }

    [Fact]
    public void Apt29_notices_are_refused_as_alerts()
    {
        foreach (string file in new[] { "NASHUA_notice.log", "SCRANTON_notice.log" })
        {
            var results = ContextNormalizing.NormalizeFile(Apt29 + file);
            Assert.Single(results);
            Assert.Equal("a Zeek notice is an alert; send it to /api/v1/alerts", ContextNormalizing.Rejected(results[0].Result));
        }
    }

    [Fact]
    public void Wrccdc_dce_rpc_shows_remote_service_control()
    {
        var events = ContextNormalizing.AllAccepted(Wrccdc + "dce_rpc.ndjson");

        Assert.Equal(39, events.Count);
        Assert.All(events, e => Assert.Equal(ContextEventKind.RemoteCall, e.Kind));
        var svcctl = events.Where(e => e.Protocol == "svcctl").ToList();
        Assert.Equal(30, svcctl.Count);
        Assert.Equal(6, svcctl.Count(e => e.Detail == "CreateServiceW"));
        Assert.Equal(6, svcctl.Count(e => e.Detail == "StartServiceW"));
        Assert.Equal(4, events.Count(e => e.Protocol == "itaskschedulerservice"));
        Assert.Equal(39, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal(TimeSpan.Zero, e.Time.Offset));
    }

    [Fact]
    public void Wrccdc_smb_mappings_show_admin_shares()
    {
        var events = ContextNormalizing.AllAccepted(Wrccdc + "smb_mapping.ndjson");

        Assert.Equal(197, events.Count);
        Assert.All(events, e => Assert.Equal(ContextEventKind.ShareMapping, e.Kind));
        Assert.Equal(115, events.Count(e => e.Detail?.EndsWith("ADMIN$", StringComparison.OrdinalIgnoreCase) == true));
        Assert.Equal(81, events.Count(e => e.Detail?.EndsWith("IPC$", StringComparison.Ordinal) == true));
        Assert.Single(events, e => e.Detail is null); // one tree connect has no path

        var admin = events.First(e => e.Detail == @"\\10.47.21.25\ADMIN$");
        Assert.Equal("10.47.21.25", admin.DestinationEndpoint!.Ip);
        Assert.Equal(["10.47.21.25", "10.128.0.233"], admin.Hosts);
    }

    [Fact]
    public void Wrccdc_ntlm_is_read_by_outcome_and_keeps_no_passwords()
    {
        var events = ContextNormalizing.AllAccepted(Wrccdc + "ntlm.ndjson");

        Assert.Equal(211, events.Count);
        Assert.All(events, e => Assert.Equal("ntlm", e.Protocol));
        Assert.Equal(110, events.Count(e => e.Kind == ContextEventKind.Logon && e.Success == true));
        Assert.Equal(101, events.Count(e => e.Kind == ContextEventKind.Connection && e.Success is null));
        Assert.Equal(0, events.Count(e => e.Kind == ContextEventKind.LogonFailed));

        // The red team's user:password pairs: the user is kept, the password is not (it stays in Raw).
        Assert.Contains(events, e => e.User == @"workstation\vsalt");
        Assert.DoesNotContain(events, e => e.User?.Contains(':', StringComparison.Ordinal) == true);
        Assert.Contains(events, e => e.User == @"jerry\administrator" && e.Kind == ContextEventKind.Logon);

        var first = events[0];
        Assert.Null(first.User);
        Assert.Equal("to SNOZBERRY", first.Detail);
        Assert.Equal("10.47.8.208", first.DestinationEndpoint!.Ip);
        Assert.Null(first.DestinationEndpoint.HostName); // Zeek events are keyed by address
        Assert.Contains(events, e => e.Detail?.StartsWith("from WORKSTATION to ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Wrccdc_kerberos_requests_without_an_outcome_are_connections()
    {
        var events = ContextNormalizing.AllAccepted(Wrccdc + "kerberos.ndjson");

        Assert.Equal(6, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(ContextEventKind.Connection, e.Kind);
            Assert.Equal("kerberos", e.Protocol);
            Assert.Null(e.Success);
            Assert.Null(e.User); // client "/NM": a realm and no name
            Assert.Equal("AS krbtgt/NM", e.Detail);
        });
    }

    [Fact]
    public void Wrccdc_notices_are_refused_as_alerts()
    {
        var results = ContextNormalizing.NormalizeFile(Wrccdc + "notice.ndjson");

        Assert.Equal(104, results.Count);
        Assert.All(results, r => Assert.Equal("a Zeek notice is an alert; send it to /api/v1/alerts", ContextNormalizing.Rejected(r.Result)));
    }

    [Fact]
    public void Without_path_or_stream_the_log_is_told_by_its_fields()
    {
        var files = new (string File, ContextEventKind Kind)[]
        {
            ("NASHUA_conn.log", ContextEventKind.Connection),
            ("NASHUA_dce_rpc.log", ContextEventKind.RemoteCall),
            ("NASHUA_smb_mapping.log", ContextEventKind.ShareMapping),
            ("NASHUA_smb_files.log", ContextEventKind.ShareMapping),
        };
        foreach (var (file, kind) in files)
        {
            foreach (byte[] line in ContextNormalizing.Lines(Apt29 + file))
            {
                var withStream = ContextNormalizing.Accepted(ContextNormalizing.Default.Normalize(line));
                var without = ContextNormalizing.Accepted(Without(line, "@stream"));
                Assert.Equal(kind, without.Kind);
                Assert.Equal(withStream.Id, without.Id);
                Assert.Equal(withStream.Fingerprint, without.Fingerprint);
            }
        }

        int untold = 0;
        foreach (byte[] line in ContextNormalizing.Lines(Wrccdc + "ntlm.ndjson").Concat(ContextNormalizing.Lines(Wrccdc + "kerberos.ndjson")))
        {
            var withPath = ContextNormalizing.Accepted(ContextNormalizing.Default.Normalize(line));
            var result = Without(line, "_path");
            if (result.IsSuccess)
            {
                Assert.Equal(withPath.Id, result.Event!.Id);
            }
            else
            {
                untold++;
            }
        }

        // One ntlm record has none of the server's names, no user and no outcome: nothing marks it as ntlm.
        Assert.Equal(1, untold);

        // A kerberos record of connection fields only cannot be told without its @stream.
        var bare = ContextNormalizing.Lines(Apt29 + "NASHUA_kerberos.log")[0];
        Assert.StartsWith("cannot tell which Zeek log the record is from", ContextNormalizing.Rejected(Without(bare, "@stream")), StringComparison.Ordinal);
        Assert.Equal(
            "a Zeek notice is an alert; send it to /api/v1/alerts",
            ContextNormalizing.Rejected(Without(ContextNormalizing.Lines(Apt29 + "NASHUA_notice.log")[0], "@stream")));
    }

    [Fact]
    public void Both_field_styles_give_the_same_event()
    {
        foreach (byte[] line in ContextNormalizing.Lines(Apt29 + "SCRANTON_dce_rpc.log").Concat(ContextNormalizing.Lines(Apt29 + "SCRANTON_kerberos.log")))
        {
            var otrf = ContextNormalizing.Accepted(ContextNormalizing.Default.Normalize(line));
            var brim = ContextNormalizing.Accepted(ToBrimStyle(line));

            Assert.Equal(otrf.Id, brim.Id);
            Assert.Equal(otrf.Fingerprint, brim.Fingerprint);
            Assert.Equal(otrf.Time, brim.Time);
            Assert.Equal(otrf.Hosts, brim.Hosts);
        }
    }

    [Fact]
    public void A_nested_id_object_reads_as_the_flat_fields()
    {
        var e = ContextNormalizing.Accepted("""
            {"_path":"conn","ts":1588205199.82437,"uid":"Cvf4XX17hSAgXDdGEd","id":{"orig_h":"10.0.1.6","orig_p":54243,"resp_h":"10.0.0.4","resp_p":53},"proto":"udp","service":"dns","conn_state":"SF"}
            """);

        Assert.Equal(Nashua, e.SourceEndpoint!.Ip);
        Assert.Equal(53, e.DestinationEndpoint!.Port);
        Assert.Equal("dns", e.Protocol);
        Assert.Equal("udp SF", e.Detail);
        Assert.Equal(ContextNormalizing.AllAccepted(Apt29 + "NASHUA_conn.log")[0].Id, e.Id);
    }

    [Theory]
    [InlineData("dns")]
    [InlineData("http")]
    [InlineData("files")]
    [InlineData("ssl")]
    public void Other_zeek_logs_are_refused(string log) =>
        Assert.Equal(
            $"Zeek {log} logs are not used as context events",
            ContextNormalizing.Rejected($$$"""{"_path":"{{{log}}}","ts":"2018-03-24T17:15:20.629574Z","uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":53,"query":{"odd":1}}"""));

    [Fact]
    public void A_zeek_record_between_outside_hosts_names_no_internal_host() =>
        Assert.Equal(
            "the event names no internal host (source and destination are outside the internal networks)",
            ContextNormalizing.Rejected("""{"_path":"conn","ts":1588205199.8,"uid":"C1","id.orig_h":"8.8.8.8","id.orig_p":1,"id.resp_h":"1.1.1.1","id.resp_p":53,"proto":"udp","conn_state":"SF"}"""));

    [Theory]
    [InlineData("""{"_path":"conn","uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}""", "missing required field 'ts'")]
    [InlineData("""{"_path":"conn","ts":1.5e9,"uid":"C1","id.resp_h":"10.0.0.2"}""", "missing required field 'id.orig_h'")]
    [InlineData("""{"_path":"conn","ts":1.5e9,"uid":"C1","id_orig_h":"10.0.0.1"}""", "missing required field 'id.resp_h'")]
    [InlineData("""{"_path":"conn","ts":"yesterday","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}""", "'ts' is not a valid time: 'yesterday'")]
    [InlineData("""{"_path":"conn","ts":1.5e12,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}""", "'ts' is not epoch seconds in 1970..2100: '1.5e12'")]
    [InlineData("""{"_path":"conn","ts":1.5e9,"id.orig_h":"10.0.0.999","id.resp_h":"10.0.0.2"}""", "'id.orig_h' is not an IP address: '10.0.0.999'")]
    [InlineData("""{"_path":"conn","ts":1.5e9,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","id.resp_p":"445"}""", "'id.resp_p' must be an integer, not a string")]
    [InlineData("""{"_path":"conn","ts":1.5e9,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","id_resp_p":65536}""", "'id_resp_p' is not a port number (0..65535): '65536'")]
    [InlineData("""{"_path":"conn","ts":1.5e9,"id.orig_h":"10.0.0.1","id_orig_h":"10.0.0.3","id.resp_h":"10.0.0.2"}""", "field 'id_orig_h' appears more than once")]
    [InlineData("""{"_path":"ntlm","ts":1.5e9,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","success":"yes"}""", "'success' must be a boolean, not a string")]
    [InlineData("""{"_path":"dce_rpc","ts":1.5e9,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","operation":["a"]}""", "'operation' must be a string, not an array")]
    [InlineData("""{"_path":["conn"],"ts":1.5e9}""", "'_path' must be a string, not an array")]
    [InlineData("""{"ts":1.5e9,"uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}""", "cannot tell which Zeek log the record is from: it has no _path or @stream, and none of the fields that mark conn, dce_rpc, smb_mapping, smb_files, kerberos or ntlm")]
    public void Bad_zeek_fields_are_named(string json, string error) =>
        Assert.Equal(error, ContextNormalizing.Rejected(json));

    private static ContextEventResult Without(byte[] line, string property)
    {
        var root = JsonNode.Parse(line)!.AsObject();
        Assert.True(root.Remove(property));
        return ContextNormalizing.Normalize(root.ToJsonString());
    }

    // OTRF's underscore fields and epoch ts, rewritten as json-streaming-logs writes them: dotted fields, ISO ts, _path.
    private static ContextEventResult ToBrimStyle(byte[] line)
    {
        var source = JsonNode.Parse(line)!.AsObject();
        var target = new JsonObject { ["_path"] = source["@stream"]!.GetValue<string>() };
        foreach (var (name, value) in source)
        {
            if (name.StartsWith('@'))
            {
                continue;
            }

            if (name == "ts")
            {
                decimal seconds = decimal.Parse(value!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                var time = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
                target["ts"] = time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
                continue;
            }

            target[name.StartsWith("id_", StringComparison.Ordinal) ? "id." + name[3..] : name] = value?.DeepClone();
        }

        return ContextNormalizing.Default.Normalize(Encoding.UTF8.GetBytes(target.ToJsonString()));
    }
}

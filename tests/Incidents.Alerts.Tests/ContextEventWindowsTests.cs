using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>Windows logon events from the Mordor data sets (NXLog, flat), and the other ways shippers write them.</summary>
public sealed class ContextEventWindowsTests
{
    private const string PurpleSharp = "windows-logons/purplesharp_ad_playbook_I_2020-10-22042947.logon-events.ndjson";
    private const string Rdp = "windows-logons/rdp_interactive_taskmanager_lsass_dump_2020-09-22043748.logon-events.ndjson";

    [Fact]
    public void Every_purplesharp_record_is_accepted_with_the_kinds_the_readme_counts()
    {
        var events = ContextNormalizing.AllAccepted(PurpleSharp);

        Assert.Equal(99, events.Count);
        Assert.Equal(49, events.Count(e => e.Kind == ContextEventKind.Logon));
        Assert.Equal(7, events.Count(e => e.Kind == ContextEventKind.LogonFailed));
        Assert.Equal(43, events.Count(e => e.Kind == ContextEventKind.PrivilegedLogon));
        Assert.All(events, e =>
        {
            Assert.Equal("windows", e.Source);
            Assert.Equal("windows", e.Protocol);
            Assert.Equal(e.Kind != ContextEventKind.LogonFailed, e.Success);
            Assert.Equal(TimeSpan.Zero, e.Time.Offset); // from @timestamp, not NXLog's offset-less local EventTime
        });
        Assert.Equal(99, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Every_rdp_record_is_accepted_with_the_kinds_the_readme_counts()
    {
        var events = ContextNormalizing.AllAccepted(Rdp);

        Assert.Equal(34, events.Count);
        Assert.Equal(18, events.Count(e => e.Kind == ContextEventKind.Logon));
        Assert.Equal(2, events.Count(e => e.Kind == ContextEventKind.ExplicitCredentials));
        Assert.Equal(14, events.Count(e => e.Kind == ContextEventKind.PrivilegedLogon));
        Assert.Equal(34, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void A_pgustavo_network_logon_on_the_dc_comes_from_workstation5s_address()
    {
        var events = ContextNormalizing.AllAccepted(PurpleSharp);

        var logons = events.Where(e =>
            e.Kind == ContextEventKind.Logon && e.User == @"theshire\pgustavo" &&
            e.DestinationEndpoint?.HostName == "mordordc" && e.SourceEndpoint?.Ip == "172.18.39.5").ToList();

        Assert.Equal(5, logons.Count);
        var logon = logons[0];
        Assert.Equal("logon type 3 (network)", logon.Detail);
        Assert.True(logon.DestinationEndpoint!.IsInternal);
        Assert.True(logon.SourceEndpoint!.IsInternal);
        Assert.Null(logon.SourceEndpoint.HostName); // WorkstationName is "-"
        Assert.NotNull(logon.SourceEndpoint.Port);
        Assert.Equal(["mordordc", "172.18.39.5"], logon.Hosts);
        Assert.True(logon.Success);

        // The same user reached WORKSTATION6 and WORKSTATION7 the same way: lateral movement in logons.
        Assert.Contains(events, e => e.User == @"theshire\pgustavo" && e.Hosts.SequenceEqual(["workstation6", "172.18.39.5"]));
        Assert.Contains(events, e => e.User == @"theshire\pgustavo" && e.Hosts.SequenceEqual(["workstation7", "172.18.39.5"]));
    }

    [Fact]
    public void Failed_logons_on_workstation5_are_the_password_spray()
    {
        var failures = ContextNormalizing.AllAccepted(PurpleSharp).Where(e => e.Kind == ContextEventKind.LogonFailed).ToList();

        Assert.Equal(7, failures.Count);
        Assert.All(failures, e =>
        {
            Assert.Equal(["workstation5"], e.Hosts);
            Assert.Equal("workstation5", e.DestinationEndpoint!.HostName);
            Assert.Equal("workstation5", e.SourceEndpoint!.HostName); // WorkstationName, no address: an interactive attempt
            Assert.Null(e.SourceEndpoint.Ip);
            Assert.Equal("logon type 2 (interactive)", e.Detail);
            Assert.False(e.Success);
        });
        Assert.Equal(
            [@"theshire\lrodriguez", @"theshire\mscott", @"theshire\nxlogsvc", @"theshire\pbeesly", @"theshire\pgustavo", @"theshire\sbeavers", @"theshire\sysmonsvc"],
            failures.Select(e => e.User!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Explicit_credentials_for_localhost_stay_on_the_logging_host()
    {
        var explicitLogons = ContextNormalizing.AllAccepted(Rdp).Where(e => e.Kind == ContextEventKind.ExplicitCredentials).ToList();

        Assert.Equal(2, explicitLogons.Count);
        Assert.All(explicitLogons, e =>
        {
            Assert.Equal(@"theshire\pgustavo", e.User);
            Assert.Equal("target server localhost", e.Detail);
            Assert.Equal("workstation5", e.SourceEndpoint!.HostName);
            Assert.Equal("workstation5", e.DestinationEndpoint!.HostName);
            Assert.Null(e.DestinationEndpoint.Ip); // IpAddress 1.2.3.4 is the RDP client, not the target: not used
            Assert.Equal(["workstation5"], e.Hosts);
        });
    }

    [Fact]
    public void Explicit_credentials_for_another_server_point_at_it()
    {
        var e = ContextNormalizing.Accepted(Event(4648, """
            "TargetServerName": "MORDORDC.theshire.local", "TargetUserName": "Administrator", "TargetDomainName": "THESHIRE",
            "SubjectUserName": "pgustavo", "IpAddress": "172.18.38.5", "IpPort": "445"
            """));

        Assert.Equal(ContextEventKind.ExplicitCredentials, e.Kind);
        Assert.Equal("workstation5", e.SourceEndpoint!.HostName);
        Assert.Equal("mordordc", e.DestinationEndpoint!.HostName);
        Assert.Equal(["mordordc", "workstation5"], e.Hosts);
        Assert.Equal(@"theshire\administrator", e.User);
        Assert.Equal("target server MORDORDC.theshire.local", e.Detail);
    }

    [Fact]
    public void Explicit_credentials_for_an_address_name_the_address()
    {
        var e = ContextNormalizing.Accepted(Event(4648, """ "TargetServerName": "172.18.38.5", "TargetUserName": "admin" """));

        Assert.Equal("172.18.38.5", e.DestinationEndpoint!.Ip);
        Assert.Null(e.DestinationEndpoint.HostName);
        Assert.Equal(["172.18.38.5", "workstation5"], e.Hosts);
    }

    [Fact]
    public void Privileged_logons_name_the_subject_and_the_privileges()
    {
        var privileged = ContextNormalizing.AllAccepted(PurpleSharp).Where(e => e.Kind == ContextEventKind.PrivilegedLogon).ToList();

        Assert.Equal(24, privileged.Count(e => e.User == @"theshire\mordordc$")); // machine accounts are kept
        var pgustavo = privileged.First(e => e.User == @"theshire\pgustavo");
        Assert.Equal("mordordc", pgustavo.DestinationEndpoint!.HostName);
        Assert.Null(pgustavo.SourceEndpoint);
        Assert.StartsWith("privileges SeSecurityPrivilege, SeBackupPrivilege, ", pgustavo.Detail, StringComparison.Ordinal);
        Assert.Contains("SeDebugPrivilege", pgustavo.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_addresses_are_no_source()
    {
        var events = ContextNormalizing.AllAccepted(Rdp);

        // MORDORDC$ from ::1: no source; from its link-local address: a source, internal, keyed by the address.
        Assert.Equal(3, events.Count(e => e.User == @"theshire\mordordc$" && e.Kind == ContextEventKind.Logon && e.SourceEndpoint is null));
        Assert.Equal(2, events.Count(e => e.SourceEndpoint?.Ip == "fe80::9582:39e0:356b:ef4e" && e.Hosts.SequenceEqual(["mordordc", "fe80::9582:39e0:356b:ef4e"])));

        foreach (string local in new[] { "-", "::1", "127.0.0.1", "", "::ffff:127.0.0.1" })
        {
            var e = ContextNormalizing.Accepted(Event(4624, $$""" "IpAddress": "{{local}}", "IpPort": "50000", "LogonType": 3, "TargetUserName": "bob" """));
            Assert.Null(e.SourceEndpoint);
            Assert.Equal(["workstation5"], e.Hosts);
        }
    }

    [Fact]
    public void A_logon_from_outside_routes_to_the_host_logged_on_to_only()
    {
        var fromOutside = ContextNormalizing.AllAccepted(Rdp).Where(e => e.SourceEndpoint?.Ip == "1.2.3.4").ToList();

        Assert.Equal(3, fromOutside.Count(e => e.Kind == ContextEventKind.Logon));
        Assert.All(fromOutside, e =>
        {
            Assert.False(e.SourceEndpoint!.IsInternal);
            Assert.Equal(["workstation5"], e.Hosts);
        });
        Assert.Contains(fromOutside, e => e.Detail == "logon type 7 (unlock)" && e.SourceEndpoint!.HostName == "workstation5");
    }

    [Fact]
    public void Hosts_are_lowercased_and_fqdns_cut_to_their_first_label()
    {
        var e = ContextNormalizing.Accepted(Event(4624, """ "WorkstationName": "WEC", "IpAddress": "172.18.38.6", "IpPort": 51000, "LogonType": "3", "TargetUserName": "ANONYMOUS LOGON", "TargetDomainName": "NT AUTHORITY" """));

        Assert.Equal("workstation5", e.DestinationEndpoint!.HostName);
        Assert.Equal("wec", e.SourceEndpoint!.HostName);
        Assert.Equal("172.18.38.6", e.SourceEndpoint.Ip);
        Assert.Equal(51000, e.SourceEndpoint.Port);
        Assert.Equal(["workstation5", "wec"], e.Hosts);
        Assert.Equal(@"nt authority\anonymous logon", e.User);
    }

    [Fact]
    public void Other_windows_events_are_refused_for_what_they_are()
    {
        Assert.Equal(
            "Windows event 4688 is not a logon event (4624, 4625, 4648, 4672)",
            ContextNormalizing.Rejected("""{"EventID":4688,"Hostname":"WORKSTATION5","@timestamp":"2020-10-22T08:29:53Z","NewProcessName":"C:\\x.exe","LogonType":{"odd":true}}"""));
        Assert.Equal(
            "Windows event 4634 is not a logon event (4624, 4625, 4648, 4672)",
            ContextNormalizing.Rejected("""{"EventID":"4634","Hostname":"WORKSTATION5","@timestamp":"2020-10-22T08:29:53Z"}"""));
        Assert.Equal(
            "Windows event 1 is not a logon event (4624, 4625, 4648, 4672)",
            ContextNormalizing.Rejected("""{"winlog":{"event_id":1,"computer_name":"ws5"},"@timestamp":"2020-10-22T08:29:53Z"}"""));
    }

    [Fact]
    public void Winlogbeats_nested_form_reads_as_the_flat_one()
    {
        var e = ContextNormalizing.Accepted("""
            {"@timestamp":"2020-10-22T08:29:53.908Z","event":{"code":"4624","kind":"event"},
             "winlog":{"event_id":"4624","computer_name":"MORDORDC.theshire.local","record_id":537141,"channel":"Security",
                       "event_data":{"TargetUserName":"pgustavo","TargetDomainName":"THESHIRE.LOCAL","LogonType":"3",
                                     "IpAddress":"172.18.39.5","IpPort":"58179","WorkstationName":"-"}}}
            """);

        Assert.Equal(ContextEventKind.Logon, e.Kind);
        Assert.Equal(@"theshire\pgustavo", e.User);
        Assert.Equal(["mordordc", "172.18.39.5"], e.Hosts);
        Assert.Equal(58179, e.SourceEndpoint!.Port);
        Assert.Equal("logon type 3 (network)", e.Detail);
        Assert.Equal(new DateTimeOffset(2020, 10, 22, 8, 29, 53, 908, TimeSpan.Zero), e.Time);

        // The flat NXLog record of the same event: same host and record number, so the same id.
        var flat = ContextNormalizing.Accepted("""
            {"@timestamp":"2020-10-22T08:29:53.908Z","EventID":4624,"Hostname":"MORDORDC.theshire.local","RecordNumber":537141,
             "TargetUserName":"pgustavo","TargetDomainName":"THESHIRE.LOCAL","LogonType":"3","IpAddress":"172.18.39.5","IpPort":"58179","WorkstationName":"-"}
            """);
        Assert.Equal(flat.Id, e.Id);
        Assert.Equal(flat.Fingerprint, e.Fingerprint);
    }

    [Fact]
    public void Computer_names_the_host_where_there_is_no_Hostname()
    {
        var e = ContextNormalizing.Accepted("""{"EventID":4625,"Computer":"WS-17.corp.example","EventRecordID":"991","@timestamp":"2024-01-02T03:04:05Z","TargetUserName":"alice","LogonType":10,"IpAddress":"10.1.2.3"}""");

        Assert.Equal("ws-17", e.DestinationEndpoint!.HostName);
        Assert.Equal("logon type 10 (remote interactive)", e.Detail);
        Assert.Equal("alice", e.User);
        Assert.Equal(["ws-17", "10.1.2.3"], e.Hosts);
    }

    [Fact]
    public void Purplesharp_times_are_the_timestamp_not_the_local_EventTime()
    {
        var first = ContextNormalizing.AllAccepted(PurpleSharp)[0];
        Assert.Equal(new DateTimeOffset(2020, 10, 22, 8, 29, 53, 907, TimeSpan.Zero), first.Time);
    }

    [Theory]
    [InlineData("""{"Hostname":"WORKSTATION5","@timestamp":"2020-10-22T08:29:53Z","winlog":{}}""", "missing required field 'EventID'")]
    [InlineData("""{"EventID":4624,"@timestamp":"2020-10-22T08:29:53Z"}""", "missing required field 'Hostname'")]
    [InlineData("""{"EventID":4624,"Hostname":"-","@timestamp":"2020-10-22T08:29:53Z"}""", "missing required field 'Hostname'")]
    [InlineData("""{"EventID":4624,"Hostname":"WORKSTATION5"}""", "missing required field '@timestamp'")]
    [InlineData("""{"EventID":"x4624","Hostname":"WORKSTATION5","@timestamp":"2020-10-22T08:29:53Z"}""", "'EventID' is not a Windows event id: 'x4624'")]
    [InlineData("""{"EventID":true,"Hostname":"WORKSTATION5","@timestamp":"2020-10-22T08:29:53Z"}""", "'EventID' must be a number or a string of digits, not a boolean")]
    [InlineData("""{"EventID":4624,"Hostname":"WORKSTATION5","@timestamp":"2020-10-22 08:29:53 UTC"}""", "'@timestamp' is not a valid time: '2020-10-22 08:29:53 UTC'")]
    [InlineData("""{"EventID":4624,"Hostname":"WORKSTATION5","EventTime":"yesterday"}""", "'EventTime' is not a valid time: 'yesterday'")]
    [InlineData("""{"EventID":4624,"Hostname":"WORKSTATION5","EventTime":"1960-01-01 00:00:00"}""", "'EventTime' is not a time in 1970..2100: '1960-01-01 00:00:00'")]
    [InlineData("""{"EventID":4624,"Hostname":"WORKSTATION5","@timestamp":"2020-10-22T08:29:53Z","IpAddress":"172.18.39.500"}""", "'IpAddress' is not an IP address: '172.18.39.500'")]
    [InlineData("""{"EventID":4624,"Hostname":"WORKSTATION5","@timestamp":"2020-10-22T08:29:53Z","IpPort":"70000"}""", "'IpPort' is not a port number (0..65535): '70000'")]
    [InlineData("""{"EventID":4624,"Hostname":"WORKSTATION5","@timestamp":"2020-10-22T08:29:53Z","LogonType":"network"}""", "'LogonType' is not a logon type: 'network'")]
    [InlineData("""{"EventID":4624,"Hostname":"010.0.0.1","@timestamp":"2020-10-22T08:29:53Z"}""", "'Hostname' is not a host name or an IP address: '010.0.0.1'")]
    [InlineData("""{"EventID":4624,"Hostname":"WORKSTATION5","Hostname":"WORKSTATION6","@timestamp":"2020-10-22T08:29:53Z"}""", "field 'Hostname' appears more than once")]
    [InlineData("""{"EventID":4624,"Hostname":["WORKSTATION5"],"@timestamp":"2020-10-22T08:29:53Z"}""", "'Hostname' must be a string, not an array")]
    [InlineData("""{"EventID":4624,"Hostname":"WORKSTATION5","@timestamp":"2020-10-22T08:29:53Z","winlog":{"event_data":{"TargetUserName":5}}}""", "'winlog.event_data.TargetUserName' must be a string, not a number")]
    public void Bad_windows_fields_are_named(string json, string error) =>
        Assert.Equal(error, ContextNormalizing.Rejected(json));

    [Fact]
    public void Explicit_windows_format_reads_the_same()
    {
        string line = System.Text.Encoding.UTF8.GetString(ContextNormalizing.Lines(PurpleSharp)[1]);
        Assert.Equal(ContextNormalizing.Accepted(line).Id, ContextNormalizing.Accepted(line, ContextEventFormat.Windows).Id);
        Assert.Equal("missing required field 'EventID'", ContextNormalizing.Rejected("""{"ts":1588205199.82437,"uid":"C1"}""", ContextEventFormat.Windows));
    }

    [Fact]
    public void The_same_record_number_on_two_hosts_is_two_events()
    {
        var root = JsonNode.Parse(ContextNormalizing.Lines(PurpleSharp)[1])!.AsObject();
        var a = ContextNormalizing.Accepted(root.ToJsonString());
        root["Hostname"] = "WORKSTATION6.theshire.local";
        var b = ContextNormalizing.Accepted(root.ToJsonString());

        Assert.NotEqual(a.Id, b.Id);
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }

    private static string Event(int id, string fields) =>
        $$"""{"EventID":{{id}},"Hostname":"WORKSTATION5.theshire.local","@timestamp":"2020-09-22T08:38:06.819Z",{{fields}}}""";
}

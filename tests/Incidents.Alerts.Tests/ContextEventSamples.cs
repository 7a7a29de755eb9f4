namespace Incidents.Alerts.Tests;

/// <summary>Real items of every context format, for the property and idempotence tests.</summary>
internal static class ContextEventSamples
{
    public static readonly string[] Files =
    [
        "windows-logons/purplesharp_ad_playbook_I_2020-10-22042947.logon-events.ndjson",
        "windows-logons/rdp_interactive_taskmanager_lsass_dump_2020-09-22043748.logon-events.ndjson",
        "zeek/otrf-apt29-day1/SCRANTON_conn.log",
        "zeek/otrf-apt29-day1/SCRANTON_dce_rpc.log",
        "zeek/otrf-apt29-day1/NASHUA_smb_mapping.log",
        "zeek/otrf-apt29-day1/NASHUA_smb_files.log",
        "zeek/otrf-apt29-day1/SCRANTON_kerberos.log",
        "zeek/otrf-apt29-day1/NASHUA_notice.log",
        "zeek/brim-wrccdc-2018/dce_rpc.ndjson",
        "zeek/brim-wrccdc-2018/kerberos.ndjson",
        "zeek/brim-wrccdc-2018/smb_mapping.ndjson",
        "zeek/brim-wrccdc-2018/ntlm.ndjson",
        "ocsf/security-lake-cloudtrail-authentication.ndjson",
    ];

    /// <summary>An OCSF Authentication event between internal hosts (the Security Lake ones are cloud sign-ins).</summary>
    public const string OcsfInternal = """
        {"class_uid":3002,"activity_id":1,"activity_name":"Logon","time":1700000000123,"status_id":1,
         "metadata":{"product":{"name":"Microsoft Windows"},"uid":"evt-1"},
         "user":{"name":"Bob","domain":"CORP"},"actor":{"user":{"name":"svc"}},"auth_protocol":"NTLM",
         "src_endpoint":{"ip":"10.1.2.3","hostname":"WS-17","port":51234},"dst_endpoint":{"ip":"10.1.0.10","port":445}}
        """;

    /// <summary>A Winlogbeat-style logon.</summary>
    public const string Winlogbeat = """
        {"@timestamp":"2020-10-22T08:29:53.908Z",
         "winlog":{"event_id":4624,"computer_name":"MORDORDC.theshire.local","record_id":"537141",
                   "event_data":{"TargetUserName":"pgustavo","TargetDomainName":"THESHIRE.LOCAL","LogonType":"3",
                                 "IpAddress":"172.18.39.5","IpPort":"58179","WorkstationName":"-","PrivilegeList":["SeDebugPrivilege"]}}}
        """;

    /// <summary>At most <paramref name="perFile"/> lines of each file, then the hand-written items.</summary>
    public static List<byte[]> Items(int perFile)
    {
        var items = new List<byte[]>();
        foreach (string file in Files)
        {
            items.AddRange(ContextNormalizing.Lines(file).Take(perFile));
        }

        items.Add(System.Text.Encoding.UTF8.GetBytes(OcsfInternal));
        items.Add(System.Text.Encoding.UTF8.GetBytes(Winlogbeat));
        return items;
    }
}

namespace Incidents.Alerts.Tests;

/// <summary>The real Zeek logs in shared/data/zeek, as items, by file.</summary>
internal static class ZeekSamples
{
    public const string Apt29 = "zeek/otrf-apt29-day1/";
    public const string Wrccdc = "zeek/brim-wrccdc-2018/";

    public static readonly string[] Apt29Notices = [Apt29 + "NASHUA_notice.log", Apt29 + "SCRANTON_notice.log"];
    public const string WrccdcNotices = Wrccdc + "notice.ndjson";

    /// <summary>Every non-notice log of both sets, with its line count (checked against the data's README).</summary>
    public static readonly (string File, int Lines)[] ContextLogs =
    [
        (Apt29 + "NASHUA_conn.log", 479), (Apt29 + "SCRANTON_conn.log", 134),
        (Apt29 + "NASHUA_dce_rpc.log", 57), (Apt29 + "SCRANTON_dce_rpc.log", 66),
        (Apt29 + "NASHUA_kerberos.log", 13), (Apt29 + "SCRANTON_kerberos.log", 22),
        (Apt29 + "NASHUA_smb_mapping.log", 5), (Apt29 + "SCRANTON_smb_mapping.log", 6),
        (Apt29 + "NASHUA_smb_files.log", 6), (Apt29 + "SCRANTON_smb_files.log", 6),
        (Wrccdc + "dce_rpc.ndjson", 39), (Wrccdc + "kerberos.ndjson", 6),
        (Wrccdc + "ntlm.ndjson", 211), (Wrccdc + "smb_mapping.ndjson", 197),
    ];

    public static IReadOnlyList<ReadOnlyMemory<byte>> Items(string file) =>
        AlertBatch.Split(SharedData.Bytes(file), BatchForm.NdJson);

    /// <summary>A notice about a host, not a connection (a scan): no uid or id fields, only src.</summary>
    public const string ScanNotice = """
        {"ts":1588207244.5,"note":"Scan::Port_Scan","msg":"10.0.1.6 scanned at least 15 unique ports of host 10.0.0.4 in 0m2s",
         "sub":"local","src":"10.0.1.6","dst":"10.0.0.4","actions":["Notice::ACTION_LOG"],"suppress_for":3600.0}
        """;
}

namespace Incidents.Alerts;

/// <summary>The shape of one incoming context event. <see cref="Auto"/> decides per item (see <c>ContextEventClassifier</c>).</summary>
public enum ContextEventFormat
{
    Auto = 0,

    /// <summary>Windows Security logon events 4624, 4625, 4648, 4672, flat (NXLog, Sysmon pipelines) or Winlogbeat's <c>winlog</c> form.</summary>
    Windows = 1,

    /// <summary>OCSF Authentication, <c>class_uid</c> 3002.</summary>
    Ocsf = 2,

    /// <summary>Zeek conn, dce_rpc, smb_mapping, smb_files, ntlm and kerberos log records in JSON.</summary>
    Zeek = 3,
}

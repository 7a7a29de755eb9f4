using Incidents.Alerts.Formats;

namespace Incidents.Alerts.Events.Zeek;

/// <summary>The Zeek logs read as context events.</summary>
internal enum ZeekLog
{
    Conn,
    DceRpc,
    SmbMapping,
    SmbFiles,
    Kerberos,
    Ntlm,
}

/// <summary>
/// Which log a Zeek record comes from: its <c>_path</c> (brim's and json-streaming-logs' style) or <c>@stream</c> (the
/// OTRF pipeline's) when it has one, else the fields it has. Inference, in this order:
/// <c>note</c> → notice (refused: a notice is an alert); <c>operation</c> + <c>endpoint</c> → dce_rpc;
/// <c>path</c> + <c>share_type</c> → smb_mapping; <c>path</c> + <c>name</c> or <c>action</c> → smb_files;
/// <c>request_type</c> or <c>client</c> → kerberos; <c>username</c>, <c>domainname</c> or
/// <c>server_nb_computer_name</c>/<c>server_dns_computer_name</c> → ntlm; <c>conn_state</c> or <c>history</c> → conn.
/// A kerberos record that carries only the connection fields cannot be told without <c>_path</c>/<c>@stream</c>.
/// </summary>
internal static class ZeekLogs
{
    public const string NoticeIsAnAlert = "a Zeek notice is an alert; send it to /api/v1/alerts";

    public static ZeekLog Identify(ContextEventClassification classification)
    {
        if (classification.ZeekLogName is { } name)
        {
            return name switch
            {
                "conn" => ZeekLog.Conn,
                "dce_rpc" => ZeekLog.DceRpc,
                "smb_mapping" => ZeekLog.SmbMapping,
                "smb_files" => ZeekLog.SmbFiles,
                "kerberos" => ZeekLog.Kerberos,
                "ntlm" => ZeekLog.Ntlm,
                "notice" => throw new InvalidAlertException(NoticeIsAnAlert),
                _ => throw new InvalidAlertException($"Zeek {name} logs are not used as context events"),
            };
        }

        var fields = classification.ZeekFields;
        return
            Has(fields, ZeekFields.Note) ? throw new InvalidAlertException(NoticeIsAnAlert) :
            Has(fields, ZeekFields.Operation | ZeekFields.Endpoint) ? ZeekLog.DceRpc :
            Has(fields, ZeekFields.Path | ZeekFields.ShareType) ? ZeekLog.SmbMapping :
            Has(fields, ZeekFields.Path | ZeekFields.Name) || Has(fields, ZeekFields.Path | ZeekFields.Action) ? ZeekLog.SmbFiles :
            HasAny(fields, ZeekFields.RequestType | ZeekFields.Client) ? ZeekLog.Kerberos :
            HasAny(fields, ZeekFields.Username | ZeekFields.Domainname | ZeekFields.ServerNbComputerName | ZeekFields.ServerDnsComputerName) ? ZeekLog.Ntlm :
            HasAny(fields, ZeekFields.ConnState | ZeekFields.History) ? ZeekLog.Conn :
            throw new InvalidAlertException(
                "cannot tell which Zeek log the record is from: it has no _path or @stream, and none of the fields " +
                "that mark conn, dce_rpc, smb_mapping, smb_files, kerberos or ntlm");
    }

    public static string Name(ZeekLog log) => log switch
    {
        ZeekLog.Conn => "conn",
        ZeekLog.DceRpc => "dce_rpc",
        ZeekLog.SmbMapping => "smb_mapping",
        ZeekLog.SmbFiles => "smb_files",
        ZeekLog.Kerberos => "kerberos",
        _ => "ntlm",
    };

    private static bool Has(ZeekFields fields, ZeekFields all) => (fields & all) == all;

    private static bool HasAny(ZeekFields fields, ZeekFields any) => (fields & any) != 0;
}

/*
 * Zeek logs in JSON, one record per item, in either field style real Zeek JSON comes in:
 *   id.orig_h, id.orig_p, id.resp_h, id.resp_p and an ISO 8601 ts  (json-streaming-logs, brim; without an offset,
 *                                                                   see SourceTimeZones)
 *   id_orig_h, id_orig_p, id_resp_h, id_resp_p and epoch-seconds ts (the OTRF / HELK pipeline)
 * and a nested "id": { "orig_h", … } object as some shippers write it.
 *
 * Every log:   ts -> Time; id orig -> SourceEndpoint, id resp -> DestinationEndpoint (addresses only, see below);
 *              uid -> in the fingerprint, and the id: hash("zeek" \0 log, uid [, ts, detail]); Source "zeek".
 *   conn         Connection;  Protocol = service (dce_rpc, "gssapi,smb,krb") else proto;  Detail = "proto conn_state"
 *   dce_rpc      RemoteCall;  Protocol = endpoint, lowercased (svcctl, epmapper);  Detail = operation (CreateServiceW)
 *   smb_mapping  ShareMapping; Protocol "smb";  Detail = path (\\NEWYORK.dmevals.local\IPC$)
 *   smb_files    ShareMapping; Protocol "smb";  Detail = path\name: opening a file on a share is that share mapped,
 *                and a file written to ADMIN$ is the clearest sign of PsExec-style movement
 *   kerberos     Logon / LogonFailed by success; Connection when the record has no success (the reply was not seen,
 *                or the record carries only the connection fields); Protocol "kerberos";
 *                User = client (pbeesly/DMEVALS.LOCAL -> dmevals\pbeesly); Detail = "request_type service[: error_msg]"
 *   ntlm         Logon / LogonFailed by success, Connection without it; Protocol "ntlm";
 *                User = domainname\username (the part before a ':', which no Windows account name holds: WRCCDC's
 *                red team wrote user:password there, and a password is no user name); Detail = "from hostname to server"
 * The kind says only what the record says: an authentication whose outcome Zeek did not see is not a logon.
 *
 * Endpoints carry addresses only, never the names a protocol announced (ntlm's server_nb_computer_name, the server
 * in an SMB path): the host key of a Zeek event is then the address, the same key as for the conn record of the same
 * connection and for a Suricata alert on it. The names are in Detail and Raw.
 *
 * For several records per connection (dce_rpc calls, kerberos and smb requests), the id adds ts and the detail.
 */

using System.Net;
using System.Text.Json;
using Incidents.Alerts.Formats;

namespace Incidents.Alerts.Events.Zeek;

/// <summary>Reads one Zeek log record (see above).</summary>
internal static class ZeekLogParser
{
    private const string SourceName = "zeek";

    private enum Field
    {
        Unknown, Ts, Uid, OrigH, OrigP, RespH, RespP, Id, Proto, Service, ConnState, Path, Name, Endpoint, Operation,
        Username, Domainname, Hostname, ServerNb, ServerDns, Success, RequestType, Client, ErrorMsg,
    }

    public static ContextEvent Parse(ReadOnlySpan<byte> item, NormalizerOptions options, ContextEventClassification classification)
    {
        var log = ZeekLogs.Identify(classification);
        var record = new Record();
        Read(item, options.MaxStringLength, record);

        var draft = new ContextEventDraft
        {
            Source = SourceName,
            Time = record.Time ?? throw AlertErrors.Missing("ts"),
            TimeField = "ts",
            SourceEndpoint = new EndpointDraft { Ip = record.OrigH ?? throw AlertErrors.Missing(record.OrigHName), Port = record.OrigP },
            DestinationEndpoint = new EndpointDraft { Ip = record.RespH ?? throw AlertErrors.Missing(record.RespHName), Port = record.RespP },
            FlowId = record.Uid,
        };

        switch (log)
        {
            case ZeekLog.Conn:
                draft.Kind = ContextEventKind.Connection;
                draft.Protocol = record.Service ?? record.Proto;
                draft.Detail = Join(record.Proto, record.ConnState);
                break;
            case ZeekLog.DceRpc:
                draft.Kind = ContextEventKind.RemoteCall;
                draft.Protocol = record.Endpoint is null ? "dce_rpc" : HostNames.ToLower(record.Endpoint);
                draft.Detail = record.Operation;
                break;
            case ZeekLog.SmbMapping:
                draft.Kind = ContextEventKind.ShareMapping;
                draft.Protocol = "smb";
                draft.Detail = record.Path;
                break;
            case ZeekLog.SmbFiles:
                draft.Kind = ContextEventKind.ShareMapping;
                draft.Protocol = "smb";
                draft.Detail = record.Path is not null && record.Name is not null
                    ? string.Concat(record.Path.AsSpan().TrimEnd('\\'), "\\", record.Name.AsSpan().TrimStart('\\'))
                    : record.Path ?? record.Name;
                break;
            case ZeekLog.Kerberos:
                SetOutcome(draft, record.Success);
                draft.Protocol = "kerberos";
                draft.User = KerberosUser(record.Client);
                draft.Detail = Join(record.RequestType, record.Service);
                if (record.ErrorMsg is not null)
                {
                    draft.Detail = draft.Detail is null ? record.ErrorMsg : string.Concat(draft.Detail, ": ", record.ErrorMsg);
                }

                break;
            case ZeekLog.Ntlm:
                SetOutcome(draft, record.Success);
                draft.Protocol = "ntlm";
                draft.User = AccountNames.Compose(record.Domainname, NtlmUserName(record.Username));
                draft.Detail = NtlmDetail(record);
                break;
        }

        if (record.Uid is not null)
        {
            draft.IdScope = ZeekLogs.Name(log);
            draft.IdText = record.Uid;
            if (log != ZeekLog.Conn)
            {
                // ts as written: the record's own key, whatever zone an offset-less one is later read in.
                draft.IdNumber = draft.Time.Value.UtcTicks;
                draft.IdDetail = draft.Detail;
            }
        }

        return ContextEventAssembler.Build(draft, item, options);
    }

    private static void Read(ReadOnlySpan<byte> item, int maxLength, Record record)
    {
        var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
        JsonValues.ReadStartOfItem(ref reader);
        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            var field = Identify(ref reader, out string name);
            if (field == Field.Id)
            {
                // Not a field of its own: its members are marked as the flat forms of the same fields.
                reader.Read();
                ReadId(ref reader, record, ref seen);
            }
            else if (JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                ReadValue(ref reader, field, name, maxLength, record);
            }
        }

        JsonValues.ReadEndOfItem(ref reader);
    }

    private static void ReadValue(ref Utf8JsonReader reader, Field field, string name, int maxLength, Record record)
    {
        switch (field)
        {
            case Field.Ts:
                record.Time = JsonValues.ReadTime(ref reader, name, TimeForm.Iso8601OrEpochSeconds);
                break;
            case Field.Uid:
                record.Uid = JsonValues.ReadString(ref reader, name, maxLength);
                break;
            case Field.OrigH:
                record.OrigH = JsonValues.ReadIp(ref reader, name);
                record.OrigHName = name;
                break;
            case Field.OrigP:
                record.OrigP = JsonValues.ReadPort(ref reader, name);
                break;
            case Field.RespH:
                record.RespH = JsonValues.ReadIp(ref reader, name);
                record.RespHName = name;
                break;
            case Field.RespP:
                record.RespP = JsonValues.ReadPort(ref reader, name);
                break;
            case Field.Proto:
                record.Proto = Protocols.Read(ref reader, name, maxLength);
                break;
            case Field.Service:
                record.Service = JsonValues.ReadString(ref reader, name, maxLength);
                break;
            case Field.ConnState:
                record.ConnState = JsonValues.ReadString(ref reader, name, maxLength);
                break;
            case Field.Path:
                record.Path = JsonValues.ReadString(ref reader, name, maxLength);
                break;
            case Field.Name:
                record.Name = JsonValues.ReadString(ref reader, name, maxLength);
                break;
            case Field.Endpoint:
                record.Endpoint = JsonValues.ReadString(ref reader, name, maxLength);
                break;
            case Field.Operation:
                record.Operation = JsonValues.ReadString(ref reader, name, maxLength);
                break;
            case Field.Username:
                record.Username = ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.Domainname:
                record.Domainname = ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.Hostname:
                record.Hostname = ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.ServerNb:
                record.ServerNb = ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.ServerDns:
                record.ServerDns = ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.Success:
                record.Success = ContextJson.ReadBoolean(ref reader, name);
                break;
            case Field.RequestType:
                record.RequestType = JsonValues.ReadString(ref reader, name, maxLength);
                break;
            case Field.Client:
                record.Client = ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.ErrorMsg:
                record.ErrorMsg = JsonValues.ReadString(ref reader, name, maxLength);
                break;
        }
    }

    // "id": { "orig_h": …, "orig_p": …, "resp_h": …, "resp_p": … }, the same fields as the flat forms.
    private static void ReadId(ref Utf8JsonReader reader, Record record, ref ulong seen)
    {
        if (!JsonValues.StartsObject(ref reader, "id"))
        {
            return;
        }

        while (JsonValues.NextProperty(ref reader))
        {
            (Field field, string name) =
                reader.ValueTextEquals("orig_h"u8) ? (Field.OrigH, "id.orig_h") :
                reader.ValueTextEquals("orig_p"u8) ? (Field.OrigP, "id.orig_p") :
                reader.ValueTextEquals("resp_h"u8) ? (Field.RespH, "id.resp_h") :
                reader.ValueTextEquals("resp_p"u8) ? (Field.RespP, "id.resp_p") :
                (Field.Unknown, "");
            if (JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                ReadValue(ref reader, field, name, maxLength: 0, record);
            }
        }
    }

    private static Field Identify(ref Utf8JsonReader reader, out string name)
    {
        (Field field, name) =
            reader.ValueTextEquals("ts"u8) ? (Field.Ts, "ts") :
            reader.ValueTextEquals("uid"u8) ? (Field.Uid, "uid") :
            reader.ValueTextEquals("id.orig_h"u8) ? (Field.OrigH, "id.orig_h") :
            reader.ValueTextEquals("id_orig_h"u8) ? (Field.OrigH, "id_orig_h") :
            reader.ValueTextEquals("id.orig_p"u8) ? (Field.OrigP, "id.orig_p") :
            reader.ValueTextEquals("id_orig_p"u8) ? (Field.OrigP, "id_orig_p") :
            reader.ValueTextEquals("id.resp_h"u8) ? (Field.RespH, "id.resp_h") :
            reader.ValueTextEquals("id_resp_h"u8) ? (Field.RespH, "id_resp_h") :
            reader.ValueTextEquals("id.resp_p"u8) ? (Field.RespP, "id.resp_p") :
            reader.ValueTextEquals("id_resp_p"u8) ? (Field.RespP, "id_resp_p") :
            reader.ValueTextEquals("id"u8) ? (Field.Id, "id") :
            reader.ValueTextEquals("proto"u8) ? (Field.Proto, "proto") :
            reader.ValueTextEquals("service"u8) ? (Field.Service, "service") :
            reader.ValueTextEquals("conn_state"u8) ? (Field.ConnState, "conn_state") :
            reader.ValueTextEquals("path"u8) ? (Field.Path, "path") :
            reader.ValueTextEquals("name"u8) ? (Field.Name, "name") :
            reader.ValueTextEquals("endpoint"u8) ? (Field.Endpoint, "endpoint") :
            reader.ValueTextEquals("operation"u8) ? (Field.Operation, "operation") :
            reader.ValueTextEquals("username"u8) ? (Field.Username, "username") :
            reader.ValueTextEquals("domainname"u8) ? (Field.Domainname, "domainname") :
            reader.ValueTextEquals("hostname"u8) ? (Field.Hostname, "hostname") :
            reader.ValueTextEquals("server_nb_computer_name"u8) ? (Field.ServerNb, "server_nb_computer_name") :
            reader.ValueTextEquals("server_dns_computer_name"u8) ? (Field.ServerDns, "server_dns_computer_name") :
            reader.ValueTextEquals("success"u8) ? (Field.Success, "success") :
            reader.ValueTextEquals("request_type"u8) ? (Field.RequestType, "request_type") :
            reader.ValueTextEquals("client"u8) ? (Field.Client, "client") :
            reader.ValueTextEquals("error_msg"u8) ? (Field.ErrorMsg, "error_msg") :
            (Field.Unknown, "");
        return field;
    }

    private static void SetOutcome(ContextEventDraft draft, bool? success)
    {
        draft.Success = success;
        draft.Kind = success switch
        {
            true => ContextEventKind.Logon,
            false => ContextEventKind.LogonFailed,
            null => ContextEventKind.Connection,
        };
    }

    // Zeek writes the client principal as name/realm; the name may itself hold a slash (host/nashua.dmevals.local).
    private static string? KerberosUser(string? client)
    {
        if (client is null)
        {
            return null;
        }

        int slash = client.LastIndexOf('/');
        return slash < 0
            ? AccountNames.Compose(null, client)
            : AccountNames.Compose(client[(slash + 1)..], client[..slash]);
    }

    private static string? NtlmUserName(string? username)
    {
        int colon = username?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon < 0 ? username : username![..colon];
    }

    private static string? NtlmDetail(Record record)
    {
        // Windows clients that send no workstation name make Zeek write "NULL".
        string? client = record.Hostname is "NULL" ? null : record.Hostname;
        string? server = record.ServerNb ?? record.ServerDns;
        return (client, server) switch
        {
            (null, null) => null,
            (null, _) => string.Concat("to ", server),
            (_, null) => string.Concat("from ", client),
            _ => string.Concat("from ", client, " to ", server),
        };
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : string.Concat(first, " ", second);

    private sealed class Record
    {
        public ItemTime? Time { get; set; }
        public string? Uid { get; set; }
        public IPAddress? OrigH { get; set; }
        public string OrigHName { get; set; } = "id.orig_h";
        public int? OrigP { get; set; }
        public IPAddress? RespH { get; set; }
        public string RespHName { get; set; } = "id.resp_h";
        public int? RespP { get; set; }
        public string? Proto { get; set; }
        public string? Service { get; set; }
        public string? ConnState { get; set; }
        public string? Path { get; set; }
        public string? Name { get; set; }
        public string? Endpoint { get; set; }
        public string? Operation { get; set; }
        public string? Username { get; set; }
        public string? Domainname { get; set; }
        public string? Hostname { get; set; }
        public string? ServerNb { get; set; }
        public string? ServerDns { get; set; }
        public bool? Success { get; set; }
        public string? RequestType { get; set; }
        public string? Client { get; set; }
        public string? ErrorMsg { get; set; }
    }
}

/*
 * Windows Security logon events as log shippers write them in JSON: flat (NXLog im_msvistalog, Sysmon/WEF
 * pipelines: "EventID", "Hostname" or "Computer", the event data at the top level) or Winlogbeat's nested form
 * ("winlog": { "event_id", "computer_name", "record_id", "event_data": { … } }). Where both forms give a field, the
 * first one in the item is taken.
 *
 *   EventID 4624 Logon, 4625 LogonFailed, 4648 ExplicitCredentials, 4672 PrivilegedLogon; a number or a string.
 *   Hostname / Computer     the host that logged the event (lowercased, an FQDN cut to its first label, see HostNames)
 *   @timestamp              Time (ISO 8601; the shipper's UTC time, preferred)
 *   EventTime               Time when there is no @timestamp. NXLog writes it in the logging host's local time with
 *                           no offset ("2020-10-22 04:29:47", four hours behind @timestamp in the Mordor data): it is
 *                           read in the zone configured for source "windows", else as UTC (see SourceTimeZones), and
 *                           marked. One zone for every Windows host: send @timestamp where hosts differ.
 *   RecordNumber / EventRecordID / winlog.record_id   the id: hash("windows" \0 host, record number)
 *
 *   4624, 4625: DestinationEndpoint = the logging host; SourceEndpoint = IpAddress (-, loopback: none),
 *               IpPort (-, 0: none), WorkstationName; User = TargetDomainName\TargetUserName;
 *               Detail = "logon type 3 (network)"; Success true for 4624, false for 4625.
 *   4648:       SourceEndpoint = the logging host (whose process used the credentials); DestinationEndpoint =
 *               TargetServerName (localhost: the logging host); User = TargetDomainName\TargetUserName (the account
 *               whose credentials were used); Detail = "target server NAME". IpAddress is not used: Microsoft
 *               documents it as the target's address, but real 4648s carry the RDP client's (1.2.3.4 with target
 *               localhost in the Mordor data); it stays in Raw.
 *   4672:       DestinationEndpoint = the logging host; User = SubjectDomainName\SubjectUserName (the account given
 *               the privileges); Detail = "privileges SeDebugPrivilege, …".
 *   Protocol "windows"; Source "windows". Machine accounts (MORDORDC$) and NT AUTHORITY accounts are kept.
 */

using System.Net;
using System.Text;
using System.Text.Json;
using Incidents.Alerts.Formats;

namespace Incidents.Alerts.Events.Windows;

/// <summary>Reads one Windows logon event (see above).</summary>
internal static class WindowsLogonParser
{
    private const string SourceName = "windows";

    private enum Field
    {
        Unknown, EventId, Hostname, Computer, Timestamp, EventTime, RecordNumber, EventRecordId, Winlog,

        // Event data: at the top level in the flat form, under winlog.event_data in Winlogbeat's.
        TargetUserName, TargetDomainName, SubjectUserName, SubjectDomainName, IpAddress, IpPort, WorkstationName,
        LogonType, TargetServerName, PrivilegeList,
    }

    private enum WinlogField { Unknown, EventId, ComputerName, RecordId, EventData }

    /// <summary>Refuses events that are not logons before reading them, so that the reason is that, whatever else they hold.</summary>
    public static void EnsureLogonEvent(long? eventId)
    {
        if (eventId is { } id && KindOf(id) is null)
        {
            throw NotALogon(id);
        }
    }

    public static ContextEvent Parse(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        var record = new Record();
        Read(item, options.MaxStringLength, record);

        long eventId = record.EventId ?? throw AlertErrors.Missing("EventID");
        var kind = KindOf(eventId) ?? throw NotALogon(eventId);
        string hostText = record.Host ?? throw AlertErrors.Missing("Hostname");
        HostNames.Parse(hostText, record.HostField, out var hostIp, out string? hostName);
        var loggingHost = new EndpointDraft { Ip = hostIp, HostName = hostName };
        if (loggingHost.IsEmpty)
        {
            throw AlertErrors.Missing(record.HostField);
        }

        var draft = new ContextEventDraft
        {
            Source = SourceName,
            Kind = kind,
            Time = record.Timestamp ?? record.EventTime ?? throw AlertErrors.Missing("@timestamp"),
            TimeField = record.Timestamp is null ? "EventTime" : "@timestamp",
            Protocol = SourceName,
        };

        switch (kind)
        {
            case ContextEventKind.Logon or ContextEventKind.LogonFailed:
                draft.DestinationEndpoint = loggingHost;
                draft.SourceEndpoint = LogonSource(record);
                draft.User = AccountNames.Compose(record.TargetDomainName, record.TargetUserName);
                draft.Detail = record.LogonType is { } logonType ? LogonTypeText(logonType) : null;
                draft.Success = kind == ContextEventKind.Logon;
                break;
            case ContextEventKind.ExplicitCredentials:
                draft.SourceEndpoint = loggingHost;
                draft.DestinationEndpoint = TargetServer(record.TargetServerName, loggingHost);
                draft.User = AccountNames.Compose(record.TargetDomainName, record.TargetUserName);
                draft.Detail = record.TargetServerName is { } server ? string.Concat("target server ", server) : null;
                draft.Success = true;
                break;
            default:
                draft.DestinationEndpoint = loggingHost;
                draft.User = AccountNames.Compose(record.SubjectDomainName, record.SubjectUserName);
                draft.Detail = record.Privileges;
                draft.Success = true;
                break;
        }

        if (record.RecordNumber is { } recordNumber)
        {
            draft.IdScope = hostText.ToLowerInvariant();
            draft.IdNumber = recordNumber;
        }

        return ContextEventAssembler.Build(draft, item, options);
    }

    private static ContextEventKind? KindOf(long eventId) => eventId switch
    {
        4624 => ContextEventKind.Logon,
        4625 => ContextEventKind.LogonFailed,
        4648 => ContextEventKind.ExplicitCredentials,
        4672 => ContextEventKind.PrivilegedLogon,
        _ => null,
    };

    private static InvalidAlertException NotALogon(long eventId) =>
        new($"Windows event {JsonValues.SmallNumberText(eventId)} is not a logon event (4624, 4625, 4648, 4672)");

    // Where the logon came from: the client's address (none when local) and the workstation name it gave.
    private static EndpointDraft? LogonSource(Record record)
    {
        HostNames.Parse(record.WorkstationName, record.WorkstationNameField, out var workstationIp, out string? workstation);
        var ip = record.IpAddress ?? workstationIp;
        var source = new EndpointDraft
        {
            Ip = ip,
            Port = ip is null || record.IpPort == 0 ? null : record.IpPort,
            HostName = workstation,
        };
        return source.IsEmpty ? null : source;
    }

    private static EndpointDraft? TargetServer(string? targetServerName, EndpointDraft loggingHost)
    {
        if (targetServerName is null)
        {
            return null;
        }

        if (HostNames.IsLocal(targetServerName))
        {
            return loggingHost;
        }

        HostNames.Parse(targetServerName, "TargetServerName", out var ip, out string? name);
        var target = new EndpointDraft { Ip = ip, HostName = name };
        return target.IsEmpty ? null : target;
    }

    private static string LogonTypeText(long logonType) => logonType switch
    {
        0 => "logon type 0 (system)",
        2 => "logon type 2 (interactive)",
        3 => "logon type 3 (network)",
        4 => "logon type 4 (batch)",
        5 => "logon type 5 (service)",
        7 => "logon type 7 (unlock)",
        8 => "logon type 8 (network cleartext)",
        9 => "logon type 9 (new credentials)",
        10 => "logon type 10 (remote interactive)",
        11 => "logon type 11 (cached interactive)",
        12 => "logon type 12 (cached remote interactive)",
        13 => "logon type 13 (cached unlock)",
        _ => string.Concat("logon type ", JsonValues.SmallNumberText(logonType)),
    };

    private static void Read(ReadOnlySpan<byte> item, int maxLength, Record record)
    {
        var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
        JsonValues.ReadStartOfItem(ref reader);
        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            var field = Identify(ref reader, out string name);
            if (!JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                continue;
            }

            switch (field)
            {
                case Field.EventId:
                    record.EventId ??= ReadEventId(ref reader, name);
                    break;
                case Field.Hostname or Field.Computer:
                    SetHost(record, JsonValues.ReadString(ref reader, name, maxLength), name);
                    break;
                case Field.Timestamp:
                    record.Timestamp = JsonValues.ReadTime(ref reader, name, TimeForm.Iso8601);
                    break;
                case Field.EventTime:
                    record.EventTime = JsonValues.ReadTime(ref reader, name, TimeForm.Iso8601);
                    break;
                case Field.RecordNumber or Field.EventRecordId:
                    record.RecordNumber ??= ContextJson.ReadCount(ref reader, name, "a record number");
                    break;
                case Field.Winlog:
                    ReadWinlog(ref reader, record, maxLength);
                    break;
                default:
                    ReadEventData(ref reader, field, name, maxLength, record);
                    break;
            }
        }

        JsonValues.ReadEndOfItem(ref reader);
    }

    private static Field Identify(ref Utf8JsonReader reader, out string name)
    {
        (Field field, name) =
            reader.ValueTextEquals("EventID"u8) ? (Field.EventId, "EventID") :
            reader.ValueTextEquals("Hostname"u8) ? (Field.Hostname, "Hostname") :
            reader.ValueTextEquals("Computer"u8) ? (Field.Computer, "Computer") :
            reader.ValueTextEquals("@timestamp"u8) ? (Field.Timestamp, "@timestamp") :
            reader.ValueTextEquals("EventTime"u8) ? (Field.EventTime, "EventTime") :
            reader.ValueTextEquals("RecordNumber"u8) ? (Field.RecordNumber, "RecordNumber") :
            reader.ValueTextEquals("EventRecordID"u8) ? (Field.EventRecordId, "EventRecordID") :
            reader.ValueTextEquals("winlog"u8) ? (Field.Winlog, "winlog") :
            (Field.Unknown, "");
        return field == Field.Unknown ? IdentifyEventData(ref reader, "", out name) : field;
    }

    private static Field IdentifyEventData(ref Utf8JsonReader reader, string prefix, out string name)
    {
        (Field field, string bare) =
            reader.ValueTextEquals("TargetUserName"u8) ? (Field.TargetUserName, "TargetUserName") :
            reader.ValueTextEquals("TargetDomainName"u8) ? (Field.TargetDomainName, "TargetDomainName") :
            reader.ValueTextEquals("SubjectUserName"u8) ? (Field.SubjectUserName, "SubjectUserName") :
            reader.ValueTextEquals("SubjectDomainName"u8) ? (Field.SubjectDomainName, "SubjectDomainName") :
            reader.ValueTextEquals("IpAddress"u8) ? (Field.IpAddress, "IpAddress") :
            reader.ValueTextEquals("IpPort"u8) ? (Field.IpPort, "IpPort") :
            reader.ValueTextEquals("WorkstationName"u8) ? (Field.WorkstationName, "WorkstationName") :
            reader.ValueTextEquals("LogonType"u8) ? (Field.LogonType, "LogonType") :
            reader.ValueTextEquals("TargetServerName"u8) ? (Field.TargetServerName, "TargetServerName") :
            reader.ValueTextEquals("PrivilegeList"u8) ? (Field.PrivilegeList, "PrivilegeList") :
            (Field.Unknown, "");
        name = field == Field.Unknown || prefix.Length == 0 ? bare : string.Concat(prefix, bare);
        return field;
    }

    // The first value of a field wins, whether flat or under winlog.event_data.
    private static void ReadEventData(ref Utf8JsonReader reader, Field field, string name, int maxLength, Record record)
    {
        switch (field)
        {
            case Field.TargetUserName:
                record.TargetUserName ??= ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.TargetDomainName:
                record.TargetDomainName ??= ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.SubjectUserName:
                record.SubjectUserName ??= ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.SubjectDomainName:
                record.SubjectDomainName ??= ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.IpAddress:
                var ip = ContextJson.ReadIpOrDash(ref reader, name);
                record.IpAddress ??= ip is null || IPAddress.IsLoopback(ip) ? null : ip;
                break;
            case Field.IpPort:
                record.IpPort ??= ContextJson.ReadPortText(ref reader, name);
                break;
            case Field.WorkstationName:
                if (record.WorkstationName is null)
                {
                    record.WorkstationName = ContextJson.ReadText(ref reader, name, maxLength);
                    record.WorkstationNameField = name;
                }

                break;
            case Field.LogonType:
                record.LogonType ??= ContextJson.ReadCount(ref reader, name, "a logon type");
                break;
            case Field.TargetServerName:
                record.TargetServerName ??= ContextJson.ReadText(ref reader, name, maxLength);
                break;
            case Field.PrivilegeList:
                record.Privileges ??= ReadPrivileges(ref reader, name, maxLength);
                break;
        }
    }

    private static void ReadWinlog(ref Utf8JsonReader reader, Record record, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "winlog"))
        {
            return;
        }

        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            (WinlogField field, string name) =
                reader.ValueTextEquals("event_id"u8) ? (WinlogField.EventId, "winlog.event_id") :
                reader.ValueTextEquals("computer_name"u8) ? (WinlogField.ComputerName, "winlog.computer_name") :
                reader.ValueTextEquals("record_id"u8) ? (WinlogField.RecordId, "winlog.record_id") :
                reader.ValueTextEquals("event_data"u8) ? (WinlogField.EventData, "winlog.event_data") :
                (WinlogField.Unknown, "");
            if (!JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                continue;
            }

            switch (field)
            {
                case WinlogField.EventId:
                    record.EventId ??= ReadEventId(ref reader, name);
                    break;
                case WinlogField.ComputerName:
                    SetHost(record, JsonValues.ReadString(ref reader, name, maxLength), name);
                    break;
                case WinlogField.RecordId:
                    record.RecordNumber ??= ContextJson.ReadCount(ref reader, name, "a record number");
                    break;
                case WinlogField.EventData:
                    ReadEventDataObject(ref reader, record, maxLength);
                    break;
            }
        }
    }

    private static void ReadEventDataObject(ref Utf8JsonReader reader, Record record, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "winlog.event_data"))
        {
            return;
        }

        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            var field = IdentifyEventData(ref reader, "winlog.event_data.", out string name);
            if (JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                ReadEventData(ref reader, field, name, maxLength, record);
            }
        }
    }

    private static void SetHost(Record record, string? host, string field)
    {
        if (record.Host is null && host is not null)
        {
            record.Host = host;
            record.HostField = field;
        }
    }

    public static long? ReadEventId(ref Utf8JsonReader reader, string field)
    {
        long? id = ContextJson.ReadCount(ref reader, field, "a Windows event id");
        return id is null or <= ushort.MaxValue ? id : throw AlertErrors.NotA(field, "a Windows event id", JsonValues.Echo(in reader));
    }

    // NXLog and Winlogbeat write the list as one string, names separated by newlines and tabs; some shippers as an array.
    private static string? ReadPrivileges(ref Utf8JsonReader reader, string field, int maxLength)
    {
        var names = new StringBuilder();
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                Append(names, ContextJson.ReadText(ref reader, field, maxLength), maxLength, field);
            }
        }
        else
        {
            Append(names, ContextJson.ReadText(ref reader, field, maxLength), maxLength, field);
        }

        return names.Length == 0 ? null : names.Insert(0, "privileges ").ToString();

        static void Append(StringBuilder names, string? text, int maxLength, string field)
        {
            foreach (var range in text.AsSpan().SplitAny(" \t\r\n,"))
            {
                var name = text.AsSpan()[range];
                if (name.IsEmpty)
                {
                    continue;
                }

                if (names.Length > 0)
                {
                    names.Append(", ");
                }

                names.Append(name);
                if (names.Length > maxLength)
                {
                    throw AlertErrors.TooLong(field, maxLength);
                }
            }
        }
    }

    private sealed class Record
    {
        public long? EventId { get; set; }
        public string? Host { get; set; }
        public string HostField { get; set; } = "Hostname";
        public ItemTime? Timestamp { get; set; }
        public ItemTime? EventTime { get; set; }
        public long? RecordNumber { get; set; }
        public string? TargetUserName { get; set; }
        public string? TargetDomainName { get; set; }
        public string? SubjectUserName { get; set; }
        public string? SubjectDomainName { get; set; }
        public IPAddress? IpAddress { get; set; }
        public int? IpPort { get; set; }
        public string? WorkstationName { get; set; }
        public string WorkstationNameField { get; set; } = "WorkstationName";
        public long? LogonType { get; set; }
        public string? TargetServerName { get; set; }
        public string? Privileges { get; set; }
    }
}

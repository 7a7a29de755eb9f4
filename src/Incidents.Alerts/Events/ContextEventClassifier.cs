using System.Text.Json;
using Incidents.Alerts.Formats;

namespace Incidents.Alerts.Events;

/// <summary>
/// A pass over an item's top-level property names (values are skipped, except the few that say what the item is)
/// that tells which format it is in and what it is within that format: the Windows event id, the OCSF class, the
/// Zeek log. It runs before the format's parser, so that an item of the wrong kind (a process-creation event, a
/// finding, a notice) is refused for what it is, whatever its other fields hold.
/// </summary>
/// <remarks>
/// It stops at the first decisive marker (<c>class_uid</c>, <c>EventID</c>, <c>winlog</c>, <c>_path</c>,
/// <c>@stream</c>): the parser reads the whole item anyway, and checks it is valid JSON to the end. Only a Zeek
/// record without <c>_path</c>/<c>@stream</c> is scanned to the end, for the fields that tell its log.
/// </remarks>
internal static class ContextEventClassifier
{
    // Log names are short; a longer _path is not one this server knows, and an error need not repeat it whole.
    private const int MaxLogNameLength = 64;

    public static ContextEventClassification Classify(ReadOnlySpan<byte> item)
    {
        var result = new ContextEventClassification();
        var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
        JsonValues.ReadStartOfItem(ref reader);
        while (JsonValues.NextProperty(ref reader))
        {
            var marker = Identify(ref reader);
            reader.Read();
            switch (marker)
            {
                case Marker.None:
                    reader.Skip();
                    break;
                case Marker.ClassUid:
                    result.Markers |= FormatMarkers.Ocsf;
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long classUid))
                    {
                        result.OcsfClass = classUid;
                    }

                    return result;
                case Marker.EventId:
                    result.Markers |= FormatMarkers.Windows;
                    result.WindowsEventId = TryReadEventId(in reader);
                    return result;
                case Marker.Winlog:
                    result.Markers |= FormatMarkers.Windows;
                    ReadWinlog(ref reader, result);
                    return result;
                case Marker.ZeekPath:
                case Marker.ZeekStream:
                    result.Markers |= FormatMarkers.Zeek;
                    result.ZeekLogName = JsonValues.ReadString(ref reader, marker == Marker.ZeekPath ? "_path" : "@stream", MaxLogNameLength);
                    return result;
                case Marker.Zeek:
                    result.Markers |= FormatMarkers.Zeek;
                    reader.Skip();
                    break;
                case Marker.Suricata:
                    result.Markers |= FormatMarkers.Suricata;
                    reader.Skip();
                    break;
                default:
                    // A field that tells one Zeek log from another, for records without _path.
                    result.ZeekFields |= (ZeekFields)(1 << ((int)marker - (int)Marker.FirstZeekField));
                    reader.Skip();
                    break;
            }
        }

        JsonValues.ReadEndOfItem(ref reader);
        return result;
    }

    private enum Marker
    {
        None, ClassUid, EventId, Winlog, ZeekPath, ZeekStream, Zeek, Suricata,

        // In the order of ZeekFields' bits.
        FirstZeekField, Endpoint = FirstZeekField, Operation, Path, ShareType, Name, Action, RequestType, Client, Username, Domainname,
        ServerNbComputerName, ServerDnsComputerName, ConnState, History, Note,
    }

    private static Marker Identify(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("EventID"u8) ? Marker.EventId :
        reader.ValueTextEquals("winlog"u8) ? Marker.Winlog :
        reader.ValueTextEquals("class_uid"u8) ? Marker.ClassUid :
        reader.ValueTextEquals("_path"u8) ? Marker.ZeekPath :
        reader.ValueTextEquals("@stream"u8) ? Marker.ZeekStream :
        reader.ValueTextEquals("uid"u8) || reader.ValueTextEquals("ts"u8) ||
        reader.ValueTextEquals("id.orig_h"u8) || reader.ValueTextEquals("id_orig_h"u8) ? Marker.Zeek :
        reader.ValueTextEquals("endpoint"u8) ? Marker.Endpoint :
        reader.ValueTextEquals("operation"u8) ? Marker.Operation :
        reader.ValueTextEquals("path"u8) ? Marker.Path :
        reader.ValueTextEquals("share_type"u8) ? Marker.ShareType :
        reader.ValueTextEquals("name"u8) ? Marker.Name :
        reader.ValueTextEquals("action"u8) ? Marker.Action :
        reader.ValueTextEquals("request_type"u8) ? Marker.RequestType :
        reader.ValueTextEquals("client"u8) ? Marker.Client :
        reader.ValueTextEquals("username"u8) ? Marker.Username :
        reader.ValueTextEquals("domainname"u8) ? Marker.Domainname :
        reader.ValueTextEquals("server_nb_computer_name"u8) ? Marker.ServerNbComputerName :
        reader.ValueTextEquals("server_dns_computer_name"u8) ? Marker.ServerDnsComputerName :
        reader.ValueTextEquals("conn_state"u8) ? Marker.ConnState :
        reader.ValueTextEquals("history"u8) ? Marker.History :
        reader.ValueTextEquals("note"u8) ? Marker.Note :
        reader.ValueTextEquals("event_type"u8) ? Marker.Suricata :
        Marker.None;

    // Winlogbeat: { "winlog": { "event_id": 4624, "event_data": { ... } } }; only event_id matters here.
    private static void ReadWinlog(ref Utf8JsonReader reader, ContextEventClassification result)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (JsonValues.NextProperty(ref reader))
        {
            bool isEventId = reader.ValueTextEquals("event_id"u8);
            reader.Read();
            if (isEventId)
            {
                result.WindowsEventId = TryReadEventId(in reader);
                return;
            }

            reader.Skip();
        }
    }

    // The parser reports a badly written id; here it only decides whether the item is a logon event at all.
    private static long? TryReadEventId(in Utf8JsonReader reader)
    {
        var copy = reader;
        try
        {
            return Windows.WindowsLogonParser.ReadEventId(ref copy, "EventID");
        }
        catch (InvalidAlertException)
        {
            return null;
        }
    }
}

[Flags]
internal enum FormatMarkers
{
    None = 0,
    Windows = 1,
    Ocsf = 2,
    Zeek = 4,
    Suricata = 8,
}

/// <summary>Fields whose presence tells one Zeek log from another (see <see cref="Zeek.ZeekLogs"/>).</summary>
[Flags]
internal enum ZeekFields
{
    None = 0,
    Endpoint = 1 << 0,
    Operation = 1 << 1,
    Path = 1 << 2,
    ShareType = 1 << 3,
    Name = 1 << 4,
    Action = 1 << 5,
    RequestType = 1 << 6,
    Client = 1 << 7,
    Username = 1 << 8,
    Domainname = 1 << 9,
    ServerNbComputerName = 1 << 10,
    ServerDnsComputerName = 1 << 11,
    ConnState = 1 << 12,
    History = 1 << 13,
    Note = 1 << 14,
}

/// <summary>What <see cref="ContextEventClassifier"/> found.</summary>
internal sealed class ContextEventClassification
{
    public FormatMarkers Markers { get; set; }
    public long? WindowsEventId { get; set; }
    public long? OcsfClass { get; set; }

    /// <summary>Zeek's <c>_path</c> (brim, json-streaming-logs) or <c>@stream</c> (the OTRF pipeline), whichever comes first.</summary>
    public string? ZeekLogName { get; set; }

    public ZeekFields ZeekFields { get; set; }

    /// <summary>The format an <see cref="ContextEventFormat.Auto"/> item is in: its first decisive marker, else Zeek's weaker ones.</summary>
    public ContextEventFormat Format =>
        (Markers & FormatMarkers.Ocsf) != 0 ? ContextEventFormat.Ocsf :
        (Markers & FormatMarkers.Windows) != 0 ? ContextEventFormat.Windows :
        (Markers & FormatMarkers.Zeek) != 0 ? ContextEventFormat.Zeek :
        throw new InvalidAlertException((Markers & FormatMarkers.Suricata) != 0
            ? "a Suricata EVE record is not a context event; send Suricata alerts to /api/v1/alerts"
            : "the item is not a context event this server reads: expected a Windows logon event (EventID), " +
              "an OCSF Authentication event (class_uid 3002) or a Zeek log record (_path, ts, uid, id.orig_h)");
}

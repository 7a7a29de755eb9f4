/*
 * Zeek notice.log entries (docs.zeek.org, "Notice Framework"), in JSON: the alert-like log of Zeek. Read:
 *
 *   note                              -> RuleId; Title is "note: msg (sub)" (or less, within the length limit);
 *                                        the note's module (SSL of SSL::Invalid_Server_Cert) -> Category
 *   msg, sub                          -> Title (sub is the detail: the certificate subject, the scanned ports…)
 *   ts                                -> Time: ISO 8601, or epoch seconds (a float), as the two JSON styles write it;
 *                                        ISO 8601 without an offset: see SourceTimeZones
 *   uid, fuid                         -> SourceId "uid/fuid/note" (whichever ids it has); none: the fingerprint
 *   id.orig_h|id_orig_h, id.orig_p    -> SourceEndpoint; else src
 *   id.resp_h|id_resp_h, id.resp_p    -> DestinationEndpoint; else dst and p
 *   proto                             -> Protocol
 *   Severity                          Zeek gives none; see ZeekNoticeSeverity
 *
 * Source is "zeek". Any other Zeek log (conn, dns, dce_rpc, smb_mapping, kerberos, ntlm…) is context, not an
 * alert, and is refused with that reason (see ZeekLogs).
 */

using System.Net;
using System.Text.Json;

namespace Incidents.Alerts.Formats.Zeek;

/// <summary>Reads one Zeek notice (see above).</summary>
internal static class ZeekNoticeParser
{
    private const string SourceName = "zeek";
    private static readonly RequiredFieldNames RequiredNames = new("source", "ts", "note", "note");

    private static readonly JsonPathTable Table = new(
    [
        ("ts", (int)Field.Ts),
        ("uid", (int)Field.Uid),
        ("fuid", (int)Field.Fuid),
        ("id.orig_h", (int)Field.OrigH),
        ("id_orig_h", (int)Field.OrigH),
        ("id.orig_p", (int)Field.OrigP),
        ("id_orig_p", (int)Field.OrigP),
        ("id.resp_h", (int)Field.RespH),
        ("id_resp_h", (int)Field.RespH),
        ("id.resp_p", (int)Field.RespP),
        ("id_resp_p", (int)Field.RespP),
        ("proto", (int)Field.Proto),
        ("note", (int)Field.Note),
        ("msg", (int)Field.Msg),
        ("sub", (int)Field.Sub),
        ("src", (int)Field.Src),
        ("dst", (int)Field.Dst),
        ("p", (int)Field.P),
    ]);

    private enum Field { Ts, Uid, Fuid, OrigH, OrigP, RespH, RespP, Proto, Note, Msg, Sub, Src, Dst, P }

    public static Alert Parse(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        try
        {
            return ParseNotice(item, options);
        }
        catch (InvalidAlertException) when (ZeekLogs.ContextError(item) is { } contextError)
        {
            throw contextError;
        }
    }

    private static Alert ParseNotice(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        int maxLength = options.MaxStringLength;
        var draft = AlertDraft.Reused(RequiredNames);
        draft.Source = SourceName;
        var source = draft.SourceEndpoint!;
        var destination = draft.DestinationEndpoint!;
        string? uid = null;
        string? fuid = null;
        string? note = null;
        string? msg = null;
        string? sub = null;
        IPAddress? src = null;
        IPAddress? dst = null;
        int? p = null;

        var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
        JsonValues.ReadStartOfItem(ref reader);
        var paths = new JsonPathReader(Table);
        paths.Start(ref reader);
        while (paths.Next(ref reader, out int id))
        {
            string name = paths.Name;
            switch ((Field)id)
            {
                case Field.Ts:
                    draft.Time = JsonValues.ReadTime(ref reader, name, TimeForm.Iso8601OrEpochSeconds);
                    break;
                case Field.Uid:
                    uid = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Fuid:
                    fuid = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.OrigH:
                    source.Ip = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.OrigP:
                    source.Port = JsonValues.ReadPort(ref reader, name);
                    break;
                case Field.RespH:
                    destination.Ip = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.RespP:
                    destination.Port = JsonValues.ReadPort(ref reader, name);
                    break;
                case Field.Proto:
                    draft.Protocol = Protocols.Read(ref reader, name, maxLength);
                    break;
                case Field.Note:
                    note = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Msg:
                    msg = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Sub:
                    sub = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Src:
                    src = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.Dst:
                    dst = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.P:
                    p = JsonValues.ReadPort(ref reader, name);
                    break;
            }
        }

        JsonValues.ReadEndOfItem(ref reader);
        if (note is null)
        {
            // Parse replaces this with the reason that matters when the item is another Zeek log.
            throw AlertErrors.Missing("note");
        }

        // A notice about a connection has its id fields; one about a host (a scan) has only src, dst and p.
        source.Ip ??= src;
        destination.Ip ??= dst;
        destination.Port ??= p;

        draft.RuleId = note;
        draft.Title = Title(note, msg, sub, maxLength);
        draft.Category = Module(note);
        draft.Severity = ZeekNoticeSeverity.Of(note);
        draft.SourceId = SourceId(uid, fuid, note);
        return AlertAssembler.Build(draft, item, options);
    }

    private static string Title(string note, string? msg, string? sub, int maxLength)
    {
        if (msg is null)
        {
            return note;
        }

        string title = string.Concat(note, ": ", msg);
        if (sub is not null && title.Length + sub.Length + 3 <= maxLength)
        {
            return string.Concat(title, " (", sub, ")");
        }

        return title.Length <= maxLength ? title : note;
    }

    // "SSL::Invalid_Server_Cert" is in the SSL module; a note without a module has no category.
    private static string? Module(string note)
    {
        int separator = note.IndexOf("::", StringComparison.Ordinal);
        return separator > 0 ? note[..separator] : null;
    }

    // One connection (uid) or file (fuid) can raise several notes, so the note is part of the id.
    private static string? SourceId(string? uid, string? fuid, string note) =>
        uid is null
            ? fuid is null ? null : string.Concat(fuid, "/", note)
            : fuid is null ? string.Concat(uid, "/", note) : string.Concat(uid, "/", fuid, "/", note);
}

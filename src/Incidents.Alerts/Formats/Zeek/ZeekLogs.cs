using System.Text.Json;

namespace Incidents.Alerts.Formats.Zeek;

/// <summary>
/// What every Zeek JSON log entry shares, in both spellings real Zeek JSON comes in: <c>id.orig_h</c> (Zeek's own
/// JSON writer) or <c>id_orig_h</c> (pipelines that replace dots), and <c>ts</c> as ISO 8601 or as epoch seconds.
/// An entry is told apart by <c>uid</c> + <c>ts</c> + an originator address; its log is named by <c>_path</c>
/// (json-streaming-logs) or <c>@stream</c>.
/// </summary>
internal static class ZeekLogs
{
    /// <summary>Only notices are alerts; every other log is context.</summary>
    public const string Events = "/api/v1/events";

    private static readonly JsonPathTable EntryTable = new(
    [
        ("ts", (int)EntryField.Ts),
        ("uid", (int)EntryField.Uid),
        ("id.orig_h", (int)EntryField.OrigH),
        ("id_orig_h", (int)EntryField.OrigH),
        ("note", (int)EntryField.Note),
        ("_path", (int)EntryField.Path),
        ("@stream", (int)EntryField.Stream),
    ]);

    private enum EntryField { Ts, Uid, OrigH, Note, Path, Stream }

    /// <summary>
    /// The error for a Zeek log entry that is not a notice (a conn, dce_rpc, smb_mapping… line): it is context,
    /// not an alert. Null when the item is not such an entry (it has a note, or lacks uid, ts or the originator
    /// address) or cannot be read. Never throws.
    /// </summary>
    public static InvalidAlertException? ContextError(ReadOnlySpan<byte> item)
    {
        try
        {
            var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? log = null;
            var paths = new JsonPathReader(EntryTable);
            paths.Start(ref reader);
            while (paths.Next(ref reader, out int id))
            {
                if (id is (int)EntryField.Path or (int)EntryField.Stream && reader.TokenType == JsonTokenType.String)
                {
                    log ??= JsonValues.Echo(in reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            const ulong entry = (1UL << (int)EntryField.Ts) | (1UL << (int)EntryField.Uid) | (1UL << (int)EntryField.OrigH);
            return (paths.Seen & entry) == entry && (paths.Seen & (1UL << (int)EntryField.Note)) == 0
                ? NotAnAlert(log)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidAlertException)
        {
            return null;
        }
    }

    public static InvalidAlertException NotAnAlert(string? log) => new(
        log is null or "" ? $"a Zeek log entry is a context event, not an alert; send it to {Events}"
            : $"a Zeek {log} entry is a context event, not an alert; send it to {Events}");
}

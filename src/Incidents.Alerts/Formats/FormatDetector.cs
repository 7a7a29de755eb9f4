using System.Text.Json;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Tells formats apart by a marker property at the top level of the item: the one place to extend when a format
/// is added (OCSF <c>class_uid</c>, ECS <c>event.kind</c>, Zeek <c>note</c>). Reads only property names and stops
/// at the first marker; whether the rest of the item is valid is for the format's parser to find.
/// </summary>
internal static class FormatDetector
{
    public static AlertFormat Detect(ReadOnlySpan<byte> item)
    {
        var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
        JsonValues.ReadStartOfItem(ref reader);
        while (JsonValues.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("event_type"u8))
            {
                return AlertFormat.Suricata;
            }

            reader.Skip();
        }

        return AlertFormat.Native;
    }
}

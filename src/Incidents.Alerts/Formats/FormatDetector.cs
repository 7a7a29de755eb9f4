using System.Text.Json;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Tells formats apart by marker properties at the top level of the item: the one place to extend when a format is
/// added. Reads only property names and stops at the first decisive marker; whether the rest of the item is valid is
/// for the format's parser to find.
/// <list type="table">
/// <item><term><c>event_type</c></term><description>Suricata EVE.</description></item>
/// <item><term><c>class_uid</c></term><description>OCSF.</description></item>
/// <item><term>none</term><description>Native.</description></item>
/// </list>
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

            if (reader.ValueTextEquals("class_uid"u8))
            {
                return AlertFormat.Ocsf;
            }

            reader.Skip();
        }

        return AlertFormat.Native;
    }
}

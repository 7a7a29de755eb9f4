using System.Text.Json;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Tells formats apart by marker properties at the top level of the item: the one place to extend when a format is
/// added. Reads only property names (and, for two of them, whether the value is an object) and stops at the first
/// decisive marker; whether the rest of the item is valid is for the format's parser to find.
/// <list type="table">
/// <item><term><c>event_type</c></term><description>Suricata EVE.</description></item>
/// <item><term><c>class_uid</c></term><description>OCSF.</description></item>
/// <item><term><c>event.kind</c>, <c>_source</c>, <c>kibana.alert…</c>, an <c>event</c> or <c>kibana</c> object</term><description>ECS.</description></item>
/// <item><term><c>note</c>, or both <c>uid</c> and <c>id.orig_h</c>/<c>id_orig_h</c></term><description>Zeek (a notice, or another log, which its parser refuses as context).</description></item>
/// <item><term><c>@timestamp</c> and none of the above</term><description>ECS. Not decisive alone: shippers add it to Zeek and Suricata lines too.</description></item>
/// <item><term>none</term><description>Native.</description></item>
/// </list>
/// </summary>
internal static class FormatDetector
{
    public static AlertFormat Detect(ReadOnlySpan<byte> item)
    {
        var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
        JsonValues.ReadStartOfItem(ref reader);
        bool hasTimestamp = false;
        bool hasUid = false;
        bool hasOriginator = false;
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

            if (reader.ValueTextEquals("event.kind"u8) || reader.ValueTextEquals("_source"u8) ||
                reader.ValueSpan.StartsWith("kibana.alert"u8))
            {
                return AlertFormat.Ecs;
            }

            if (reader.ValueTextEquals("note"u8))
            {
                return AlertFormat.Zeek;
            }

            if (reader.ValueTextEquals("event"u8) || reader.ValueTextEquals("kibana"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    return AlertFormat.Ecs;
                }

                reader.Skip();
                continue;
            }

            if (reader.ValueTextEquals("uid"u8))
            {
                hasUid = true;
            }
            else if (reader.ValueTextEquals("id.orig_h"u8) || reader.ValueTextEquals("id_orig_h"u8))
            {
                hasOriginator = true;
            }
            else if (reader.ValueTextEquals("@timestamp"u8))
            {
                hasTimestamp = true;
            }

            if (hasUid && hasOriginator)
            {
                return AlertFormat.Zeek;
            }

            reader.Skip();
        }

        return hasTimestamp ? AlertFormat.Ecs : AlertFormat.Native;
    }
}

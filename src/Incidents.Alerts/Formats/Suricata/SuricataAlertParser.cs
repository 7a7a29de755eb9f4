/*
 * Suricata EVE JSON, event_type "alert" (docs.suricata.io, "EVE JSON Format"). Read:
 *
 *   timestamp                 -> Time; Suricata writes offsets without a colon: 2017-03-25T16:49:58.856335-0600,
 *                             older versions and some exporters none at all (2019-01-02T03:50:11.315110): such a
 *                             time is read in the zone configured for "suricata", else UTC, and marked (SourceTimeZones)
 *   flow_id                   -> fingerprint only: one flow can raise several alerts, so it is no alert id
 *   event_type                must be "alert"; other event types are context, not alerts
 *   src_ip, src_port          -> SourceEndpoint
 *   dest_ip, dest_port        -> DestinationEndpoint
 *   proto                     -> Protocol, lowercase
 *   alert.signature           -> Title
 *   alert.signature_id        -> RuleId
 *   alert.category            -> Category
 *   alert.severity            -> Severity (1 is the highest: 1 High, 2 Medium, 3 Low, 4+ Info); SourceSeverity "1"
 *   alert.metadata            mitre_tactic_id / mitre_technique_id arrays -> Tactic / Technique (the first of each)
 *   http, dns, tls, fileinfo  -> Observables (see SuricataObservables)
 *
 * Everything else is skipped, and kept in Raw. This is the high-volume path, so it reads the item once with a
 * Utf8JsonReader, compares names as UTF-8 and allocates little beyond the alert itself.
 */

using System.Globalization;
using System.Text.Json;

namespace Incidents.Alerts.Formats.Suricata;

/// <summary>Reads one Suricata EVE alert (see above).</summary>
internal static class SuricataAlertParser
{
    private const string SourceName = "suricata";
    private static readonly RequiredFieldNames RequiredNames = new("source", "timestamp", "alert.signature", "alert.severity");

    private enum Field { Unknown, Timestamp, FlowId, EventType, SrcIp, SrcPort, DestIp, DestPort, Proto, Alert, Http, Dns, Tls, FileInfo }

    private enum AlertField { Unknown, Signature, SignatureId, Category, Severity, Metadata }

    private enum MetadataField { Unknown, Tactic, Technique }

    public static Alert Parse(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        int maxLength = options.MaxStringLength;
        var draft = AlertDraft.Reused(RequiredNames);
        draft.Source = SourceName;
        var source = draft.SourceEndpoint!;
        var destination = draft.DestinationEndpoint!;
        bool isAlert = false;

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
                case Field.Timestamp:
                    draft.Time = JsonValues.ReadTime(ref reader, name, TimeForm.Iso8601);
                    break;
                case Field.FlowId:
                    draft.FlowId = JsonValues.ReadInt64(ref reader, name);
                    break;
                case Field.EventType:
                    EnsureAlert(ref reader, name);
                    isAlert = true;
                    break;
                case Field.SrcIp:
                    source.Ip = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.SrcPort:
                    source.Port = JsonValues.ReadPort(ref reader, name);
                    break;
                case Field.DestIp:
                    destination.Ip = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.DestPort:
                    destination.Port = JsonValues.ReadPort(ref reader, name);
                    break;
                case Field.Proto:
                    draft.Protocol = Protocols.Read(ref reader, name, maxLength);
                    break;
                case Field.Alert:
                    ReadAlert(ref reader, draft, maxLength);
                    break;
                case Field.Http:
                    SuricataObservables.ReadHttp(ref reader, draft.Observables, maxLength);
                    break;
                case Field.Dns:
                    SuricataObservables.ReadDns(ref reader, draft.Observables, maxLength);
                    break;
                case Field.Tls:
                    SuricataObservables.ReadTls(ref reader, draft.Observables, maxLength);
                    break;
                case Field.FileInfo:
                    SuricataObservables.ReadFileInfo(ref reader, draft.Observables, maxLength);
                    break;
            }
        }

        JsonValues.ReadEndOfItem(ref reader);
        if (!isAlert)
        {
            throw AlertErrors.Missing("event_type");
        }

        return AlertAssembler.Build(draft, item, options);
    }

    private static Field Identify(ref Utf8JsonReader reader, out string name)
    {
        (Field field, name) =
            reader.ValueTextEquals("timestamp"u8) ? (Field.Timestamp, "timestamp") :
            reader.ValueTextEquals("flow_id"u8) ? (Field.FlowId, "flow_id") :
            reader.ValueTextEquals("event_type"u8) ? (Field.EventType, "event_type") :
            reader.ValueTextEquals("src_ip"u8) ? (Field.SrcIp, "src_ip") :
            reader.ValueTextEquals("src_port"u8) ? (Field.SrcPort, "src_port") :
            reader.ValueTextEquals("dest_ip"u8) ? (Field.DestIp, "dest_ip") :
            reader.ValueTextEquals("dest_port"u8) ? (Field.DestPort, "dest_port") :
            reader.ValueTextEquals("proto"u8) ? (Field.Proto, "proto") :
            reader.ValueTextEquals("alert"u8) ? (Field.Alert, "alert") :
            reader.ValueTextEquals("http"u8) ? (Field.Http, "http") :
            reader.ValueTextEquals("dns"u8) ? (Field.Dns, "dns") :
            reader.ValueTextEquals("tls"u8) ? (Field.Tls, "tls") :
            reader.ValueTextEquals("fileinfo"u8) ? (Field.FileInfo, "fileinfo") :
            (Field.Unknown, "");
        return field;
    }

    // Suricata logs flows, DNS, HTTP... on the same stream; only alerts belong here.
    private static void EnsureAlert(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw AlertErrors.WrongType(field, "a string", reader.TokenType);
        }

        if (!reader.ValueTextEquals("alert"u8))
        {
            throw new InvalidAlertException(
                $"Suricata event_type '{JsonValues.Echo(in reader)}' is not an alert; send alerts, or context events to /api/v1/events");
        }
    }

    private static void ReadAlert(ref Utf8JsonReader reader, AlertDraft draft, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "alert"))
        {
            return;
        }

        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            (AlertField field, string name) =
                reader.ValueTextEquals("signature"u8) ? (AlertField.Signature, "alert.signature") :
                reader.ValueTextEquals("signature_id"u8) ? (AlertField.SignatureId, "alert.signature_id") :
                reader.ValueTextEquals("category"u8) ? (AlertField.Category, "alert.category") :
                reader.ValueTextEquals("severity"u8) ? (AlertField.Severity, "alert.severity") :
                reader.ValueTextEquals("metadata"u8) ? (AlertField.Metadata, "alert.metadata") :
                (AlertField.Unknown, "");
            if (!JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                continue;
            }

            switch (field)
            {
                case AlertField.Signature:
                    draft.Title = RepeatedStrings.Read(ref reader, name, maxLength);
                    break;
                case AlertField.SignatureId:
                    draft.RuleId = ReadSignatureId(ref reader, name);
                    break;
                case AlertField.Category:
                    draft.Category = RepeatedStrings.Read(ref reader, name, maxLength);
                    break;
                case AlertField.Severity:
                    ReadSeverity(ref reader, draft, name);
                    break;
                case AlertField.Metadata:
                    ReadMetadata(ref reader, draft, maxLength);
                    break;
            }
        }
    }

    private static string? ReadSignatureId(ref Utf8JsonReader reader, string field) =>
        JsonValues.ReadInt64(ref reader, field) switch
        {
            null => null,
            < 0 => throw AlertErrors.NotA(field, "a signature id", JsonValues.Echo(in reader)),
            long id => id.ToString(CultureInfo.InvariantCulture),
        };

    // Suricata's scale runs the other way: 1 is the most severe, and rules may use 4 and up for informational.
    private static void ReadSeverity(ref Utf8JsonReader reader, AlertDraft draft, string field)
    {
        if (JsonValues.ReadInt64(ref reader, field) is not { } level)
        {
            return;
        }

        draft.Severity = level switch
        {
            < 1 => throw AlertErrors.NotA(field, "a Suricata severity (1 or more)", JsonValues.Echo(in reader)),
            1 => Severity.High,
            2 => Severity.Medium,
            3 => Severity.Low,
            _ => Severity.Info,
        };
        draft.SourceSeverity = JsonValues.SmallNumberText(level);
    }

    // Rule metadata values are arrays of strings; a rule names its main tactic and technique first.
    private static void ReadMetadata(ref Utf8JsonReader reader, AlertDraft draft, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "alert.metadata"))
        {
            return;
        }

        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            (MetadataField field, string name) =
                reader.ValueTextEquals("mitre_tactic_id"u8) ? (MetadataField.Tactic, "alert.metadata.mitre_tactic_id") :
                reader.ValueTextEquals("mitre_technique_id"u8) ? (MetadataField.Technique, "alert.metadata.mitre_technique_id") :
                (MetadataField.Unknown, "");
            if (!JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                continue;
            }

            string? id = JsonFirst.ReadFromArray(ref reader, name, maxLength);
            if (field == MetadataField.Tactic)
            {
                draft.Tactic = MitreIds.CheckTactic(id, name);
            }
            else
            {
                draft.Technique = MitreIds.CheckTechnique(id, name);
            }
        }
    }
}

/*
 * The native schema: the project's own, for any tool without a parser here (an integration maps its fields to it).
 * JSON, camelCase:
 *
 *   {
 *     "source": "crowdstrike",             required; the product (stored lowercase)
 *     "sourceId": "abc-123",               optional; the product's own id, which then makes the alert id
 *     "time": "2026-11-27T10:00:00Z",      required; ISO 8601 with an offset (Z, +06:00, -0600) or epoch seconds;
 *                                          without an offset, in the source's configured zone (SourceTimeZones)
 *     "title": "Mimikatz credential dump", required
 *     "ruleId": "R-17",                    optional
 *     "severity": "high",                  required; info|low|medium|high|critical (any case) or an integer 0..4
 *     "category": "credential-access",     optional
 *     "tactic": "TA0006",                  optional; MITRE ATT&CK tactic id, TA + 4 digits
 *     "technique": "T1003.001",            optional; MITRE ATT&CK technique id, T + 4 digits [. 3 digits]
 *     "protocol": "tcp",                   optional (stored lowercase)
 *     "src": { "ip": "10.0.0.5", "port": 51234, "hostName": "ws-17", "user": "alice" },   optional, all members optional
 *     "dst": { "ip": "10.0.0.9", "port": 445, "hostName": "fs-01", "user": null },        optional, likewise
 *     "host": "ws-17",                     optional; the host that observed it (an EDR's agent)
 *     "user": "alice",                     optional
 *     "observables": [ { "type": "domain", "value": "evil.example" } ],
 *                                          optional; type is ip|domain|url|hash|process|email|user|file
 *     "raw": { }                           optional, any JSON: the tool's original event (kept within Alert.Raw)
 *   }
 *
 * Types are strict: a number where a string belongs is an error, and the reverse, so a mapping bug shows at once
 * instead of as odd data later. Null reads as absent; unknown properties are ignored; a known property twice is an
 * error. The alert must name an internal host through host, src or dst.
 */

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Incidents.Alerts.Formats.Native;

/// <summary>Reads one native-schema item (see the schema above) with a <see cref="Utf8JsonReader"/>.</summary>
internal static class NativeAlertParser
{
    private static readonly RequiredFieldNames RequiredNames = new("source", "time", "title", "severity");
    private static readonly EndpointObject SourceObject = new("src", "hostName", hasUser: true, EndpointHostName.AsWritten);
    private static readonly EndpointObject DestinationObject = new("dst", "hostName", hasUser: true, EndpointHostName.AsWritten);

    private enum Field
    {
        Unknown, Source, SourceId, Time, Title, RuleId, Severity, Category, Tactic, Technique, Protocol,
        Src, Dst, Host, User, Observables,
    }

    private enum ObservableField { Unknown, Type, Value }

    public static Alert Parse(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        int maxLength = options.MaxStringLength;
        var draft = AlertDraft.Reused(RequiredNames);
        draft.SourceEndpoint = draft.DestinationEndpoint = null; // read as whole objects, when the item has them
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
                case Field.Source:
                    draft.Source = JsonValues.ReadString(ref reader, name, maxLength)?.ToLowerInvariant();
                    break;
                case Field.SourceId:
                    draft.SourceId = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Time:
                    draft.Time = JsonValues.ReadTime(ref reader, name, TimeForm.Iso8601OrEpochSeconds);
                    break;
                case Field.Title:
                    draft.Title = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.RuleId:
                    draft.RuleId = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Severity:
                    ReadSeverity(ref reader, draft);
                    break;
                case Field.Category:
                    draft.Category = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Tactic:
                    draft.Tactic = MitreIds.ReadTactic(ref reader, name, maxLength);
                    break;
                case Field.Technique:
                    draft.Technique = MitreIds.ReadTechnique(ref reader, name, maxLength);
                    break;
                case Field.Protocol:
                    draft.Protocol = Protocols.Read(ref reader, name, maxLength);
                    break;
                case Field.Src:
                    draft.SourceEndpoint = SourceObject.Read(ref reader, maxLength);
                    break;
                case Field.Dst:
                    draft.DestinationEndpoint = DestinationObject.Read(ref reader, maxLength);
                    break;
                case Field.Host:
                    draft.ObservedHost = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.User:
                    draft.User = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Observables:
                    ReadObservables(ref reader, draft.Observables, maxLength);
                    break;
            }
        }

        JsonValues.ReadEndOfItem(ref reader);
        return AlertAssembler.Build(draft, item, options);
    }

    private static Field Identify(ref Utf8JsonReader reader, out string name)
    {
        (Field field, name) =
            reader.ValueTextEquals("source"u8) ? (Field.Source, "source") :
            reader.ValueTextEquals("sourceId"u8) ? (Field.SourceId, "sourceId") :
            reader.ValueTextEquals("time"u8) ? (Field.Time, "time") :
            reader.ValueTextEquals("title"u8) ? (Field.Title, "title") :
            reader.ValueTextEquals("ruleId"u8) ? (Field.RuleId, "ruleId") :
            reader.ValueTextEquals("severity"u8) ? (Field.Severity, "severity") :
            reader.ValueTextEquals("category"u8) ? (Field.Category, "category") :
            reader.ValueTextEquals("tactic"u8) ? (Field.Tactic, "tactic") :
            reader.ValueTextEquals("technique"u8) ? (Field.Technique, "technique") :
            reader.ValueTextEquals("protocol"u8) ? (Field.Protocol, "protocol") :
            reader.ValueTextEquals("src"u8) ? (Field.Src, "src") :
            reader.ValueTextEquals("dst"u8) ? (Field.Dst, "dst") :
            reader.ValueTextEquals("host"u8) ? (Field.Host, "host") :
            reader.ValueTextEquals("user"u8) ? (Field.User, "user") :
            reader.ValueTextEquals("observables"u8) ? (Field.Observables, "observables") :
            (Field.Unknown, "");
        return field;
    }

    // A name (info..critical, any case) or its number 0..4; the value is kept as written in SourceSeverity.
    private static void ReadSeverity(ref Utf8JsonReader reader, AlertDraft draft)
    {
        const string field = "severity";
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.Number:
                if (!reader.TryGetInt32(out int level) || level is < (int)Severity.Info or > (int)Severity.Critical)
                {
                    throw AlertErrors.NotA(field, "a severity (0..4)", JsonValues.Echo(in reader));
                }

                draft.Severity = (Severity)level;
                draft.SourceSeverity = JsonValues.SmallNumberText(level);
                return;
            case JsonTokenType.String:
                Span<byte> buffer = stackalloc byte[16];
                draft.Severity = (JsonValues.TryGetShortString(in reader, buffer, out var name) ? SeverityNamed(name) : null) ??
                    throw AlertErrors.NotA(field, "a severity (info, low, medium, high, critical)", JsonValues.Echo(in reader));
                draft.SourceSeverity = reader.GetString();
                return;
            default:
                throw AlertErrors.WrongType(field, "a string or an integer", reader.TokenType);
        }
    }

    private static Severity? SeverityNamed(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "info"u8) ? Severity.Info :
        Ascii.EqualsIgnoreCase(name, "low"u8) ? Severity.Low :
        Ascii.EqualsIgnoreCase(name, "medium"u8) ? Severity.Medium :
        Ascii.EqualsIgnoreCase(name, "high"u8) ? Severity.High :
        Ascii.EqualsIgnoreCase(name, "critical"u8) ? Severity.Critical :
        null;

    private static void ReadObservables(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        if (!JsonValues.StartsArray(ref reader, "observables"))
        {
            return;
        }

        for (int index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            string element = string.Create(CultureInfo.InvariantCulture, $"observables[{index}]");
            if (!JsonValues.StartsObject(ref reader, element))
            {
                continue;
            }

            string? type = null;
            string? value = null;
            ulong seen = 0;
            while (JsonValues.NextProperty(ref reader))
            {
                (ObservableField field, string name) =
                    reader.ValueTextEquals("type"u8) ? (ObservableField.Type, $"{element}.type") :
                    reader.ValueTextEquals("value"u8) ? (ObservableField.Value, $"{element}.value") :
                    (ObservableField.Unknown, "");
                if (!JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
                {
                    continue;
                }

                if (field == ObservableField.Type)
                {
                    type = JsonValues.ReadString(ref reader, name, maxLength);
                }
                else
                {
                    value = JsonValues.ReadString(ref reader, name, maxLength);
                }
            }

            var kind = KindNamed(type ?? throw AlertErrors.Missing($"{element}.type")) ??
                throw AlertErrors.NotA($"{element}.type", "an observable type (ip, domain, url, hash, process, email, user, file)", type);
            observables.Add(ObservableValues.Create(kind, value ?? throw AlertErrors.Missing($"{element}.value"), $"{element}.value"));
        }
    }

    private static ObservableKind? KindNamed(string type) => type.ToLowerInvariant() switch
    {
        "ip" => ObservableKind.Ip,
        "domain" => ObservableKind.Domain,
        "url" => ObservableKind.Url,
        "hash" => ObservableKind.FileHash,
        "process" => ObservableKind.Process,
        "email" => ObservableKind.Email,
        "user" => ObservableKind.User,
        "file" => ObservableKind.File,
        _ => null,
    };
}

/*
 * Elastic Common Schema alert documents, as Elastic Security's detection engine writes them (event.kind "signal",
 * fields under kibana.alert.*), as 7.x wrote them (signal.*), or as any ECS source marks an alert
 * (event.kind "alert"). An Elasticsearch hit {"_index","_id","_source":{...}} is read through its _source. Field
 * names may be dotted keys, nested objects, or both mixed (see JsonPathReader); any field may be an array, of which
 * the first value is taken. Read:
 *
 *   event.kind                       must be "alert" or "signal"; anything else is an event, not an alert
 *   kibana.alert.rule.name           -> Title; else signal.rule.name, rule.name, message
 *   kibana.alert.rule.uuid           -> RuleId; else signal.rule.id, rule.id
 *   kibana.alert.uuid                -> SourceId; else the hit's _id
 *   @timestamp                       -> Time (ISO 8601, or epoch milliseconds as Elasticsearch takes it);
 *                                    else kibana.alert.original_time. Without an offset: UTC, as Elasticsearch
 *                                    reads it, unless a zone is configured for "elastic" (SourceTimeZones)
 *   kibana.alert.severity            -> Severity, the text kept as SourceSeverity; else kibana.alert.rule.severity,
 *                                    signal.rule.severity, event.severity (text, or a number on the 0..100 risk
 *                                    scale), then the risk score: kibana.alert.risk_score, signal.rule.risk_score,
 *                                    event.risk_score. Elastic's bands: 0-21 low, 22-47 medium, 48-73 high,
 *                                    74-100 critical (its rules use 21, 47, 73, 99)
 *   event.category                   -> Category; network.transport -> Protocol
 *   host.name (else host.hostname)   -> ObservedHost; host.ip (the first) -> an observable, or the host if unnamed
 *   user.name                        -> User
 *   source.* / destination.*         ip, port -> endpoints; address (an IP, or a name), domain -> see PeerNames
 *   threat.technique.subtechnique.id, threat.technique.id -> Technique; threat.tactic.id -> Tactic; else the same
 *                                    under kibana.alert.rule.threat[] (then signal.rule.threat[]): the rule's mapping
 *   file.hash.md5|sha1|sha256|sha512 -> hashes; file.path (else file.name) -> file; process.executable (else
 *                                    process.name) -> process; url.full (else url.original); dns.question.name
 *
 * Source is "elastic".
 */

using System.Net;
using System.Text;
using System.Text.Json;

namespace Incidents.Alerts.Formats.Ecs;

/// <summary>Reads one ECS alert document (see above).</summary>
internal static class EcsAlertParser
{
    private const string SourceName = "elastic";
    private static readonly RequiredFieldNames RequiredNames = new("source", "@timestamp", "kibana.alert.rule.name", "kibana.alert.severity");

    private static readonly JsonPathTable Table = new(
    [
        ("event.kind", (int)Field.EventKind),
        ("@timestamp", (int)Field.Timestamp),
        ("kibana.alert.original_time", (int)Field.OriginalTime),
        ("kibana.alert.uuid", (int)Field.AlertUuid),
        ("_id", (int)Field.HitId),
        ("kibana.alert.rule.name", (int)Field.KibanaRuleName),
        ("signal.rule.name", (int)Field.SignalRuleName),
        ("rule.name", (int)Field.RuleName),
        ("message", (int)Field.Message),
        ("kibana.alert.rule.uuid", (int)Field.KibanaRuleUuid),
        ("signal.rule.id", (int)Field.SignalRuleId),
        ("rule.id", (int)Field.RuleId),
        ("kibana.alert.severity", (int)Field.KibanaSeverity),
        ("kibana.alert.rule.severity", (int)Field.KibanaRuleSeverity),
        ("signal.rule.severity", (int)Field.SignalSeverity),
        ("event.severity", (int)Field.EventSeverity),
        ("kibana.alert.risk_score", (int)Field.KibanaRiskScore),
        ("signal.rule.risk_score", (int)Field.SignalRiskScore),
        ("event.risk_score", (int)Field.EventRiskScore),
        ("event.category", (int)Field.EventCategory),
        ("network.transport", (int)Field.Transport),
        ("host.name", (int)Field.HostName),
        ("host.hostname", (int)Field.HostHostname),
        ("host.ip", (int)Field.HostIp),
        ("user.name", (int)Field.UserName),
        ("source.ip", (int)Field.SourceIp),
        ("source.port", (int)Field.SourcePort),
        ("source.address", (int)Field.SourceAddress),
        ("source.domain", (int)Field.SourceDomain),
        ("destination.ip", (int)Field.DestinationIp),
        ("destination.port", (int)Field.DestinationPort),
        ("destination.address", (int)Field.DestinationAddress),
        ("destination.domain", (int)Field.DestinationDomain),
        ("threat.technique.id", (int)Field.Technique),
        ("threat.technique.subtechnique.id", (int)Field.SubTechnique),
        ("threat.tactic.id", (int)Field.Tactic),
        ("kibana.alert.rule.threat.technique.id", (int)Field.RuleTechnique),
        ("kibana.alert.rule.threat.technique.subtechnique.id", (int)Field.RuleSubTechnique),
        ("kibana.alert.rule.threat.tactic.id", (int)Field.RuleTactic),
        ("signal.rule.threat.technique.id", (int)Field.SignalTechnique),
        ("signal.rule.threat.technique.subtechnique.id", (int)Field.SignalSubTechnique),
        ("signal.rule.threat.tactic.id", (int)Field.SignalTactic),
        ("file.hash.md5", (int)Field.FileMd5),
        ("file.hash.sha1", (int)Field.FileSha1),
        ("file.hash.sha256", (int)Field.FileSha256),
        ("file.hash.sha512", (int)Field.FileSha512),
        ("file.path", (int)Field.FilePath),
        ("file.name", (int)Field.FileName),
        ("process.executable", (int)Field.ProcessExecutable),
        ("process.name", (int)Field.ProcessName),
        ("url.full", (int)Field.UrlFull),
        ("url.original", (int)Field.UrlOriginal),
        ("dns.question.name", (int)Field.DnsQuestion),
    ], rebasePath: "_source");

    // Texts first: the value an analyst set on the rule beats a computed number.
    private static readonly Field[] SeverityOrder =
    [
        Field.KibanaSeverity, Field.KibanaRuleSeverity, Field.SignalSeverity, Field.EventSeverity,
        Field.KibanaRiskScore, Field.SignalRiskScore, Field.EventRiskScore,
    ];

    private enum Field
    {
        EventKind, Timestamp, OriginalTime, AlertUuid, HitId, KibanaRuleName, SignalRuleName, RuleName, Message,
        KibanaRuleUuid, SignalRuleId, RuleId,
        KibanaSeverity, KibanaRuleSeverity, SignalSeverity, EventSeverity, KibanaRiskScore, SignalRiskScore, EventRiskScore,
        EventCategory, Transport, HostName, HostHostname, HostIp, UserName,
        SourceIp, SourcePort, SourceAddress, SourceDomain, DestinationIp, DestinationPort, DestinationAddress, DestinationDomain,
        Technique, SubTechnique, Tactic, RuleTechnique, RuleSubTechnique, RuleTactic, SignalTechnique, SignalSubTechnique, SignalTactic,
        FileMd5, FileSha1, FileSha256, FileSha512, FilePath, FileName, ProcessExecutable, ProcessName, UrlFull, UrlOriginal, DnsQuestion,
        Count,
    }

    public static Alert Parse(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        try
        {
            return ParseAlert(item, options);
        }
        catch (InvalidAlertException) when (EcsKind.KindError(item) is { } kindError)
        {
            // A plain ECS event with, say, a field of another type than an alert's is told the reason that matters.
            throw kindError;
        }
    }

    private static Alert ParseAlert(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        int maxLength = options.MaxStringLength;
        var draft = AlertDraft.Reused(RequiredNames);
        draft.Source = SourceName;
        var source = draft.SourceEndpoint!;
        var destination = draft.DestinationEndpoint!;
        var texts = new string?[(int)Field.Count];
        var severities = new (Severity Severity, string Text)?[SeverityOrder.Length];
        ItemTime? timestamp = null;
        ItemTime? originalTime = null;
        IPAddress? hostIp = null;
        bool isAlert = false;

        var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
        JsonValues.ReadStartOfItem(ref reader);
        var paths = new JsonPathReader(Table);
        paths.Start(ref reader);
        while (paths.Next(ref reader, out int id))
        {
            if (!JsonFirst.Enter(ref reader, out bool inArray))
            {
                continue;
            }

            var field = (Field)id;
            string name = paths.Name;
            switch (field)
            {
                case Field.EventKind:
                    isAlert = EcsKind.EnsureAlert(ref reader, name);
                    break;
                case Field.Timestamp:
                    timestamp = reader.TokenType == JsonTokenType.Number
                        ? ItemTime.Of(EpochTime.Read(ref reader, name, EpochUnit.Milliseconds))
                        : JsonValues.ReadTime(ref reader, name, TimeForm.Iso8601);
                    break;
                case Field.OriginalTime:
                    originalTime = JsonValues.ReadTime(ref reader, name, TimeForm.Iso8601);
                    break;
                case Field.KibanaSeverity or Field.KibanaRuleSeverity or Field.SignalSeverity or Field.EventSeverity:
                case Field.KibanaRiskScore or Field.SignalRiskScore or Field.EventRiskScore:
                    severities[Array.IndexOf(SeverityOrder, field)] = ReadSeverity(ref reader, name, field);
                    break;
                case Field.Transport:
                    draft.Protocol = Protocols.Read(ref reader, name, maxLength);
                    break;
                case Field.HostIp:
                    hostIp = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.SourceIp:
                    source.Ip = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.SourcePort:
                    source.Port = JsonValues.ReadPort(ref reader, name);
                    break;
                case Field.DestinationIp:
                    destination.Ip = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.DestinationPort:
                    destination.Port = JsonValues.ReadPort(ref reader, name);
                    break;
                case Field.Technique or Field.SubTechnique or Field.RuleTechnique or Field.RuleSubTechnique
                    or Field.SignalTechnique or Field.SignalSubTechnique:
                    texts[id] = MitreIds.ReadTechnique(ref reader, name, maxLength);
                    break;
                case Field.Tactic or Field.RuleTactic or Field.SignalTactic:
                    texts[id] = MitreIds.ReadTactic(ref reader, name, maxLength);
                    break;
                default:
                    texts[id] = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
            }

            JsonFirst.Leave(ref reader, inArray);
        }

        JsonValues.ReadEndOfItem(ref reader);
        if (!isAlert)
        {
            throw AlertErrors.Missing("event.kind");
        }

        draft.Time = timestamp ?? originalTime;
        draft.Title = Text(texts, Field.KibanaRuleName) ?? Text(texts, Field.SignalRuleName) ?? Text(texts, Field.RuleName) ?? Text(texts, Field.Message);
        draft.RuleId = Text(texts, Field.KibanaRuleUuid) ?? Text(texts, Field.SignalRuleId) ?? Text(texts, Field.RuleId);
        draft.SourceId = Text(texts, Field.AlertUuid) ?? Text(texts, Field.HitId);
        draft.Category = Text(texts, Field.EventCategory);
        draft.User = Text(texts, Field.UserName);
        foreach (var severity in severities)
        {
            if (severity is { } chosen)
            {
                (draft.Severity, draft.SourceSeverity) = chosen;
                break;
            }
        }

        draft.Technique = Text(texts, Field.SubTechnique) ?? Text(texts, Field.Technique) ??
            Text(texts, Field.RuleSubTechnique) ?? Text(texts, Field.RuleTechnique) ??
            Text(texts, Field.SignalSubTechnique) ?? Text(texts, Field.SignalTechnique);
        draft.Tactic = Text(texts, Field.Tactic) ?? Text(texts, Field.RuleTactic) ?? Text(texts, Field.SignalTactic);

        draft.ObservedHost = Text(texts, Field.HostName) ?? Text(texts, Field.HostHostname) ?? hostIp?.ToString();
        ObservableValues.AddIp(draft.Observables, hostIp);

        ApplyAddress(source, Text(texts, Field.SourceAddress), draft.Observables);
        PeerNames.Apply(source, Text(texts, Field.SourceDomain), draft.Observables);
        ApplyAddress(destination, Text(texts, Field.DestinationAddress), draft.Observables);
        PeerNames.Apply(destination, Text(texts, Field.DestinationDomain), draft.Observables);
        AddObservables(texts, draft.Observables);
        return AlertAssembler.Build(draft, item, options);
    }

    private static string? Text(string?[] texts, Field field) => texts[(int)field];

    // ECS address: "Some event source addresses are defined ambiguously ... an IP, a domain or a unix socket";
    // an address equal to the ip adds nothing.
    private static void ApplyAddress(EndpointDraft endpoint, string? address, List<Observable> observables)
    {
        if (address is null || (endpoint.Ip is not null && Networks.IpAddressText.TryParse(address.AsSpan(), out var ip) && ip.Equals(endpoint.Ip)))
        {
            return;
        }

        PeerNames.Apply(endpoint, address, observables);
    }

    private static void AddObservables(string?[] texts, List<Observable> observables)
    {
        for (var field = Field.FileMd5; field <= Field.FileSha512; field++)
        {
            ObservableValues.Add(observables, ObservableKind.FileHash, Text(texts, field));
        }

        ObservableValues.Add(observables, ObservableKind.File, Text(texts, Field.FilePath) ?? Text(texts, Field.FileName));
        ObservableValues.Add(observables, ObservableKind.Process, Text(texts, Field.ProcessExecutable) ?? Text(texts, Field.ProcessName));
        ObservableValues.Add(observables, ObservableKind.Url, Text(texts, Field.UrlFull) ?? Text(texts, Field.UrlOriginal));
        ObservableValues.AddHostName(observables, Text(texts, Field.DnsQuestion));
    }

    /// <summary>A severity text, or a number on the 0..100 scale (a risk score is only ever a number).</summary>
    private static (Severity, string)? ReadSeverity(ref Utf8JsonReader reader, string field, Field which)
    {
        bool isRiskScore = which is Field.KibanaRiskScore or Field.SignalRiskScore or Field.EventRiskScore;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out double score) || !double.IsFinite(score) || score is < 0 or > 100)
                {
                    throw AlertErrors.NotA(field, isRiskScore ? "a risk score (0..100)" : "a severity (0..100)", JsonValues.Echo(in reader));
                }

                return (FromScore(score), Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.String when !isRiskScore:
                Span<byte> buffer = stackalloc byte[16];
                var severity = (JsonValues.TryGetShortString(in reader, buffer, out var text) ? FromText(text) : null) ??
                    throw AlertErrors.NotA(field, "a severity (low, medium, high, critical)", JsonValues.Echo(in reader));
                return (severity, reader.GetString()!);
            default:
                throw AlertErrors.WrongType(field, isRiskScore ? "a number" : "a string or a number", reader.TokenType);
        }
    }

    /// <summary>Elastic's risk score bands.</summary>
    private static Severity FromScore(double score) => score switch
    {
        <= 21 => Severity.Low,
        <= 47 => Severity.Medium,
        <= 73 => Severity.High,
        _ => Severity.Critical,
    };

    private static Severity? FromText(ReadOnlySpan<byte> text) =>
        Ascii.EqualsIgnoreCase(text, "info"u8) || Ascii.EqualsIgnoreCase(text, "informational"u8) ? Severity.Info :
        Ascii.EqualsIgnoreCase(text, "low"u8) ? Severity.Low :
        Ascii.EqualsIgnoreCase(text, "medium"u8) ? Severity.Medium :
        Ascii.EqualsIgnoreCase(text, "high"u8) ? Severity.High :
        Ascii.EqualsIgnoreCase(text, "critical"u8) ? Severity.Critical :
        null;
}

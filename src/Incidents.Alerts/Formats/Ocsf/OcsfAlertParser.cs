/*
 * OCSF findings (schema.ocsf.io): Detection Finding (class_uid 2004, OCSF 1.1+) and the older Security Finding
 * (2001, OCSF 1.0, which Amazon Security Lake emitted), whose finding_info is called finding. Read:
 *
 *   class_uid                      must be 2001 or 2004; 3002 (Authentication) is told to go to /api/v1/events,
 *                                  any other class is not supported
 *   metadata.product.name          -> Source, lowercase (else metadata.product.vendor_name)
 *   time                           -> Time: epoch milliseconds as OCSF says, or seconds below 10^11 (Prowler writes
 *                                  seconds); else finding_info.created_time (2001: finding.created_time)
 *   finding_info.title             -> Title (2001: finding.title; else message)
 *   finding_info.uid               -> SourceId (2001: finding.uid)
 *   severity_id                    -> Severity (see OcsfSeverity); severity (its caption) -> SourceSeverity
 *   finding_info.analytic.uid      -> RuleId; else analytic.name, metadata.event_code (Prowler's check id),
 *                                  metadata.product.feature.uid (Security Hub's control)
 *   finding_info.types[0]          -> Category (2001: finding.types[0]); else category_name
 *   attacks[] / finding_info.attacks[]: sub_technique.uid or technique.uid -> Technique, tactic.uid -> Tactic
 *                                  (the first attack that has one; tactics[].uid of OCSF 1.0 too)
 *   device.hostname|name|ip        -> ObservedHost
 *   resources[0].uid|name          -> ObservedHost when there is no device: a cloud finding is about the resource,
 *                                  and names no IP host (Prowler, Security Hub); then cloud.account.uid[/region]
 *   actor.user.name                -> User
 *   src_endpoint, dst_endpoint     ip, port -> endpoints; hostname -> observable (see PeerNames)
 *   connection_info.protocol_name  -> Protocol
 *   observables[]                  type_id 1 hostname, 2 IP, 4 user, 5 email, 6 URL, 7 file name, 8 hash,
 *                                  9 process name -> Observables (other types skipped)
 *   evidences[]                    file (path|name, hashes[].value), process (file.path|name), url.url_string,
 *                                  query.hostname, src_endpoint/dst_endpoint (ip, hostname) -> Observables
 *   status_code "PASS", compliance.status "PASSED"/"PASS", compliance.status_id 1 (Pass)
 *                                  a passed check: refused, not an alert. Posture scanners (Prowler, Security Hub)
 *                                  report every check they ran as a finding; only the failed ones (FAIL, MANUAL…)
 *                                  are something for an analyst.
 *
 * Arrays are walked into (see JsonPathReader), which also takes `{"array":[...]}` for resources: the LIST wrapper
 * that Parquet readers leave on Security Lake data exported as JSON.
 */

using System.Net;
using System.Text.Json;

namespace Incidents.Alerts.Formats.Ocsf;

/// <summary>Reads one OCSF finding (see above).</summary>
internal static class OcsfAlertParser
{
    private static readonly RequiredFieldNames DetectionNames = new("metadata.product.name", "time", "finding_info.title", "severity_id");
    private static readonly RequiredFieldNames SecurityFindingNames = new("metadata.product.name", "time", "finding.title", "severity_id");

    private static readonly JsonPathTable Table = new(
    [
        ("class_uid", (int)Field.ClassUid),
        ("time", (int)Field.Time),
        ("message", (int)Field.Message),
        ("severity_id", (int)Field.SeverityId),
        ("severity", (int)Field.Severity),
        ("category_name", (int)Field.CategoryName),
        ("metadata.product.name", (int)Field.ProductName),
        ("metadata.product.vendor_name", (int)Field.VendorName),
        ("metadata.product.feature.uid", (int)Field.FeatureUid),
        ("metadata.event_code", (int)Field.EventCode),
        ("finding_info.title", (int)Field.Title),
        ("finding_info.uid", (int)Field.Uid),
        ("finding_info.created_time", (int)Field.CreatedTime),
        ("finding_info.types", (int)Field.Types),
        ("finding_info.analytic.uid", (int)Field.AnalyticUid),
        ("finding_info.analytic.name", (int)Field.AnalyticName),
        ("finding.title", (int)Field.FindingTitle),
        ("finding.uid", (int)Field.FindingUid),
        ("finding.created_time", (int)Field.FindingCreatedTime),
        ("finding.types", (int)Field.FindingTypes),
        ("attacks.technique.uid", (int)Field.TechniqueUid),
        ("attacks.sub_technique.uid", (int)Field.SubTechniqueUid),
        ("attacks.tactic.uid", (int)Field.TacticUid),
        ("attacks.tactics.uid", (int)Field.TacticUid),
        ("finding_info.attacks.technique.uid", (int)Field.TechniqueUid),
        ("finding_info.attacks.sub_technique.uid", (int)Field.SubTechniqueUid),
        ("finding_info.attacks.tactic.uid", (int)Field.TacticUid),
        ("device.hostname", (int)Field.DeviceHostname),
        ("device.name", (int)Field.DeviceName),
        ("device.ip", (int)Field.DeviceIp),
        ("actor.user.name", (int)Field.UserName),
        ("src_endpoint.ip", (int)Field.SrcIp),
        ("src_endpoint.port", (int)Field.SrcPort),
        ("src_endpoint.hostname", (int)Field.SrcHostname),
        ("dst_endpoint.ip", (int)Field.DstIp),
        ("dst_endpoint.port", (int)Field.DstPort),
        ("dst_endpoint.hostname", (int)Field.DstHostname),
        ("connection_info.protocol_name", (int)Field.Protocol),
        ("resources.uid", (int)Field.ResourceUid),
        ("resources.name", (int)Field.ResourceName),
        ("resources.array.uid", (int)Field.ResourceUid),
        ("resources.array.name", (int)Field.ResourceName),
        ("cloud.account.uid", (int)Field.AccountUid),
        ("cloud.account_uid", (int)Field.LegacyAccountUid),
        ("cloud.region", (int)Field.Region),
        ("observables", (int)Field.Observables),
        ("evidences", (int)Field.Evidences),
        ("status_code", (int)Field.StatusCode),
        ("compliance.status", (int)Field.ComplianceStatus),
        ("compliance.status_id", (int)Field.ComplianceStatusId),
    ]);

    private enum Field
    {
        ClassUid, Time, Message, SeverityId, Severity, CategoryName, ProductName, VendorName, FeatureUid, EventCode,
        Title, Uid, CreatedTime, Types, AnalyticUid, AnalyticName, FindingTitle, FindingUid, FindingCreatedTime, FindingTypes,
        TechniqueUid, SubTechniqueUid, TacticUid, DeviceHostname, DeviceName, DeviceIp, UserName,
        SrcIp, SrcPort, SrcHostname, DstIp, DstPort, DstHostname, Protocol,
        ResourceUid, ResourceName, AccountUid, LegacyAccountUid, Region, Observables, Evidences,
        StatusCode, ComplianceStatus, ComplianceStatusId,
    }

    public static Alert Parse(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        try
        {
            return ParseFinding(item, options);
        }
        catch (InvalidAlertException) when (OcsfClasses.ClassError(item) is { } classError)
        {
            // An Authentication record with, say, a field of a type this parser does not expect is told the
            // reason that matters: it is not a finding.
            throw classError;
        }
    }

    private static Alert ParseFinding(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        int maxLength = options.MaxStringLength;
        var draft = AlertDraft.Reused(DetectionNames);
        var source = draft.SourceEndpoint!;
        var destination = draft.DestinationEndpoint!;
        var found = new Found();

        var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
        JsonValues.ReadStartOfItem(ref reader);
        var paths = new JsonPathReader(Table);
        paths.Start(ref reader);
        while (paths.Next(ref reader, out int id))
        {
            string name = paths.Name;
            switch ((Field)id)
            {
                case Field.ClassUid:
                    found.ClassUid = JsonValues.ReadInt64(ref reader, name);
                    if (found.ClassUid is { } classUid && OcsfClasses.NotAFinding(classUid) is { } notAFinding)
                    {
                        throw notAFinding;
                    }

                    break;
                case Field.Time:
                    found.Time = EpochTime.Read(ref reader, name, EpochUnit.MillisecondsOrSeconds);
                    break;
                case Field.CreatedTime:
                    found.CreatedTime = EpochTime.Read(ref reader, name, EpochUnit.MillisecondsOrSeconds);
                    break;
                case Field.FindingCreatedTime:
                    found.FindingCreatedTime = EpochTime.Read(ref reader, name, EpochUnit.MillisecondsOrSeconds);
                    break;
                case Field.Message:
                    found.Message = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.SeverityId:
                    ReadSeverityId(ref reader, draft, name);
                    break;
                case Field.Severity:
                    found.SeverityCaption = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.CategoryName:
                    found.CategoryName = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.ProductName:
                    found.ProductName = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.VendorName:
                    found.VendorName = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.FeatureUid:
                    found.FeatureUid = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.EventCode:
                    found.EventCode = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Title:
                    found.Title = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.FindingTitle:
                    found.FindingTitle = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Uid:
                    found.Uid = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.FindingUid:
                    found.FindingUid = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Types:
                    found.Types = JsonFirst.ReadFromArray(ref reader, name, maxLength);
                    break;
                case Field.FindingTypes:
                    found.FindingTypes = JsonFirst.ReadFromArray(ref reader, name, maxLength);
                    break;
                case Field.AnalyticUid:
                    found.AnalyticUid = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.AnalyticName:
                    found.AnalyticName = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.TechniqueUid:
                    found.Technique = MitreIds.ReadTechnique(ref reader, name, maxLength);
                    break;
                case Field.SubTechniqueUid:
                    found.SubTechnique = MitreIds.ReadTechnique(ref reader, name, maxLength);
                    break;
                case Field.TacticUid:
                    draft.Tactic = MitreIds.ReadTactic(ref reader, name, maxLength);
                    break;
                case Field.DeviceHostname:
                    found.DeviceHostname = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.DeviceName:
                    found.DeviceName = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.DeviceIp:
                    found.DeviceIp = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.UserName:
                    draft.User = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.SrcIp:
                    source.Ip = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.SrcPort:
                    source.Port = JsonValues.ReadPort(ref reader, name);
                    break;
                case Field.SrcHostname:
                    found.SrcHostname = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.DstIp:
                    destination.Ip = JsonValues.ReadIp(ref reader, name);
                    break;
                case Field.DstPort:
                    destination.Port = JsonValues.ReadPort(ref reader, name);
                    break;
                case Field.DstHostname:
                    found.DstHostname = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Protocol:
                    draft.Protocol = Protocols.Read(ref reader, name, maxLength);
                    break;
                case Field.ResourceUid:
                    found.ResourceUid = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.ResourceName:
                    found.ResourceName = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.AccountUid:
                    found.AccountUid = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.LegacyAccountUid:
                    found.LegacyAccountUid = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Region:
                    found.Region = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.Observables:
                    OcsfObservables.ReadObservables(ref reader, draft.Observables, maxLength);
                    break;
                case Field.Evidences:
                    OcsfObservables.ReadEvidences(ref reader, draft.Observables, maxLength);
                    break;
                case Field.StatusCode:
                    found.StatusCode = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.ComplianceStatus:
                    found.ComplianceStatus = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.ComplianceStatusId:
                    found.ComplianceStatusId = JsonValues.ReadInt64(ref reader, name);
                    break;
            }
        }

        JsonValues.ReadEndOfItem(ref reader);
        Complete(draft, found);
        return AlertAssembler.Build(draft, item, options);
    }

    private static void Complete(AlertDraft draft, Found found)
    {
        if (found.ClassUid is not { } classUid)
        {
            throw AlertErrors.Missing("class_uid");
        }

        if (PassedCheck(found) is { } passed)
        {
            throw new InvalidAlertException(
                $"the OCSF finding reports a passed check ({passed}); only failed checks and detections are alerts");
        }

        bool securityFinding = classUid == OcsfClasses.SecurityFinding;
        draft.Names = securityFinding ? SecurityFindingNames : DetectionNames;
        draft.Source = (found.ProductName ?? found.VendorName)?.ToLowerInvariant();
        draft.Time = ItemTime.Of(found.Time ?? found.CreatedTime ?? found.FindingCreatedTime);
        draft.Title = (securityFinding ? found.FindingTitle ?? found.Title : found.Title ?? found.FindingTitle) ?? found.Message;
        draft.SourceId = securityFinding ? found.FindingUid ?? found.Uid : found.Uid ?? found.FindingUid;
        draft.RuleId = found.AnalyticUid ?? found.AnalyticName ?? found.EventCode ?? found.FeatureUid;
        draft.Category = found.Types ?? found.FindingTypes ?? found.CategoryName;
        draft.Technique = found.SubTechnique ?? found.Technique;

        if (draft.Severity is null && found.SeverityCaption is { } caption)
        {
            draft.Severity = OcsfSeverity.FromCaption(caption) ??
                throw AlertErrors.NotA("severity", "an OCSF severity (Informational, Low, Medium, High, Critical, Fatal)", caption);
        }

        if (found.SeverityCaption is not null)
        {
            draft.SourceSeverity = found.SeverityCaption;
        }

        draft.ObservedHost = found.DeviceHostname ?? found.DeviceName ?? found.DeviceIp?.ToString() ??
            found.ResourceUid ?? found.ResourceName ?? CloudAccount(found.AccountUid ?? found.LegacyAccountUid, found.Region);

        PeerNames.Apply(draft.SourceEndpoint!, found.SrcHostname, draft.Observables);
        PeerNames.Apply(draft.DestinationEndpoint!, found.DstHostname, draft.Observables);
    }

    private static string? PassedCheck(Found found) =>
        string.Equals(found.StatusCode, "PASS", StringComparison.OrdinalIgnoreCase) ? $"status_code '{found.StatusCode}'" :
        string.Equals(found.ComplianceStatus, "PASSED", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(found.ComplianceStatus, "PASS", StringComparison.OrdinalIgnoreCase) ? $"compliance.status '{found.ComplianceStatus}'" :
        found.ComplianceStatusId == 1 ? "compliance.status_id 1" :
        null;

    // An account-wide finding is about the account, in a region where it says one.
    private static string? CloudAccount(string? account, string? region) =>
        account is null ? null : region is null ? account : string.Concat(account, "/", region);

    private static void ReadSeverityId(ref Utf8JsonReader reader, AlertDraft draft, string field)
    {
        if (JsonValues.ReadInt64(ref reader, field) is not { } id)
        {
            return;
        }

        draft.Severity = OcsfSeverity.FromId(id) ??
            throw AlertErrors.NotA(field, "an OCSF severity id (0..6, 99)", JsonValues.Echo(in reader));
        draft.SourceSeverity ??= JsonValues.SmallNumberText(id);
    }

    /// <summary>What the walk found that is decided only once the whole item is read (which of two fields wins).</summary>
    private sealed class Found
    {
        public long? ClassUid { get; set; }
        public DateTimeOffset? Time { get; set; }
        public DateTimeOffset? CreatedTime { get; set; }
        public DateTimeOffset? FindingCreatedTime { get; set; }
        public string? Message { get; set; }
        public string? SeverityCaption { get; set; }
        public string? CategoryName { get; set; }
        public string? ProductName { get; set; }
        public string? VendorName { get; set; }
        public string? FeatureUid { get; set; }
        public string? EventCode { get; set; }
        public string? Title { get; set; }
        public string? FindingTitle { get; set; }
        public string? Uid { get; set; }
        public string? FindingUid { get; set; }
        public string? Types { get; set; }
        public string? FindingTypes { get; set; }
        public string? AnalyticUid { get; set; }
        public string? AnalyticName { get; set; }
        public string? Technique { get; set; }
        public string? SubTechnique { get; set; }
        public string? DeviceHostname { get; set; }
        public string? DeviceName { get; set; }
        public IPAddress? DeviceIp { get; set; }
        public string? SrcHostname { get; set; }
        public string? DstHostname { get; set; }
        public string? ResourceUid { get; set; }
        public string? ResourceName { get; set; }
        public string? AccountUid { get; set; }
        public string? LegacyAccountUid { get; set; }
        public string? Region { get; set; }
        public string? StatusCode { get; set; }
        public string? ComplianceStatus { get; set; }
        public long? ComplianceStatusId { get; set; }
    }
}

using System.Text.Json;

namespace Incidents.Alerts.Formats.Ocsf;

/// <summary>
/// The indicators of an OCSF finding: its <c>observables[]</c> (typed by <c>type_id</c>) and the artifacts of its
/// <c>evidences[]</c> (files and their hashes, processes, URLs, DNS queries, endpoints).
/// </summary>
internal static class OcsfObservables
{
    private static readonly JsonPathTable ObservableTable = new(
    [
        ("type_id", (int)ObservableField.TypeId),
        ("value", (int)ObservableField.Value),
    ], messagePrefix: "observables[].");

    private static readonly JsonPathTable EvidenceTable = new(
    [
        ("file.path", (int)EvidenceField.FilePath),
        ("file.name", (int)EvidenceField.FileName),
        ("file.hashes", (int)EvidenceField.FileHashes),
        ("process.file.path", (int)EvidenceField.ProcessPath),
        ("process.name", (int)EvidenceField.ProcessName),
        ("url.url_string", (int)EvidenceField.Url),
        ("query.hostname", (int)EvidenceField.Query),
        ("src_endpoint.ip", (int)EvidenceField.SrcIp),
        ("src_endpoint.hostname", (int)EvidenceField.SrcHostname),
        ("dst_endpoint.ip", (int)EvidenceField.DstIp),
        ("dst_endpoint.hostname", (int)EvidenceField.DstHostname),
    ], messagePrefix: "evidences[].");

    private static readonly JsonPathTable HashTable = new([("value", 0)], messagePrefix: "evidences[].file.hashes[].");

    private enum ObservableField { TypeId, Value }

    private enum EvidenceField { FilePath, FileName, FileHashes, ProcessPath, ProcessName, Url, Query, SrcIp, SrcHostname, DstIp, DstHostname }

    public static void ReadObservables(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        if (!JsonValues.StartsArray(ref reader, "observables"))
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!JsonValues.StartsObject(ref reader, "observables[]"))
            {
                continue;
            }

            long? typeId = null;
            string? value = null;
            var paths = new JsonPathReader(ObservableTable);
            paths.Start(ref reader);
            while (paths.Next(ref reader, out int id))
            {
                if ((ObservableField)id == ObservableField.TypeId)
                {
                    typeId = JsonValues.ReadInt64(ref reader, paths.Name);
                }
                else
                {
                    value = JsonValues.ReadString(ref reader, paths.Name, maxLength);
                }
            }

            if (value is not null && typeId is { } type && Create(type, value) is { } observable)
            {
                observables.Add(observable);
            }
        }
    }

    // OCSF observable type_id values (the ones with an indicator kind here); the rest (MAC, resource uids,
    // whole objects) are skipped.
    private static Observable? Create(long typeId, string value) => typeId switch
    {
        1 => ObservableValues.FromHostName(value),
        2 => ObservableValues.Create(ObservableKind.Ip, value, "observables[].value"),
        4 => new Observable(ObservableKind.User, value),
        5 => new Observable(ObservableKind.Email, value),
        6 => new Observable(ObservableKind.Url, value),
        7 => new Observable(ObservableKind.File, value),
        8 => ObservableValues.Create(ObservableKind.FileHash, value, "observables[].value"),
        9 => new Observable(ObservableKind.Process, value),
        _ => null,
    };

    public static void ReadEvidences(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        if (!JsonValues.StartsArray(ref reader, "evidences"))
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (JsonValues.StartsObject(ref reader, "evidences[]"))
            {
                ReadEvidence(ref reader, observables, maxLength);
            }
        }
    }

    private static void ReadEvidence(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        string? filePath = null;
        string? fileName = null;
        string? processPath = null;
        string? processName = null;
        var paths = new JsonPathReader(EvidenceTable);
        paths.Start(ref reader);
        while (paths.Next(ref reader, out int id))
        {
            string name = paths.Name;
            switch ((EvidenceField)id)
            {
                case EvidenceField.FilePath:
                    filePath = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case EvidenceField.FileName:
                    fileName = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case EvidenceField.FileHashes:
                    ReadHashes(ref reader, observables, maxLength);
                    break;
                case EvidenceField.ProcessPath:
                    processPath = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case EvidenceField.ProcessName:
                    processName = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case EvidenceField.Url:
                    ObservableValues.Add(observables, ObservableKind.Url, JsonValues.ReadString(ref reader, name, maxLength));
                    break;
                case EvidenceField.Query:
                case EvidenceField.SrcHostname:
                case EvidenceField.DstHostname:
                    ObservableValues.AddHostName(observables, JsonValues.ReadString(ref reader, name, maxLength));
                    break;
                case EvidenceField.SrcIp:
                case EvidenceField.DstIp:
                    ObservableValues.AddIp(observables, JsonValues.ReadIp(ref reader, name));
                    break;
            }
        }

        ObservableValues.Add(observables, ObservableKind.File, filePath ?? fileName);
        ObservableValues.Add(observables, ObservableKind.Process, processPath ?? processName);
    }

    private static void ReadHashes(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        if (!JsonValues.StartsArray(ref reader, "evidences[].file.hashes"))
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!JsonValues.StartsObject(ref reader, "evidences[].file.hashes[]"))
            {
                continue;
            }

            var paths = new JsonPathReader(HashTable);
            paths.Start(ref reader);
            while (paths.Next(ref reader, out _))
            {
                ObservableValues.Add(observables, ObservableKind.FileHash, JsonValues.ReadString(ref reader, paths.Name, maxLength));
            }
        }
    }
}

namespace Incidents.Alerts.Tests;

/// <summary>The real OCSF records in shared/data/ocsf, as items.</summary>
internal static class OcsfSamples
{
    public const string ProwlerAws = "ocsf/prowler-aws-detection-finding.json";
    public const string ProwlerAzure = "ocsf/prowler-azure-detection-finding.json";
    public const string SecurityLakeAuthentication = "ocsf/security-lake-cloudtrail-authentication.ndjson";
    public const string SecurityHubFindings = "ocsf/security-lake-securityhub-security-finding.ndjson";

    private static readonly Lazy<IReadOnlyList<ReadOnlyMemory<byte>>> Aws = new(() => Load(ProwlerAws, BatchForm.Json));
    private static readonly Lazy<IReadOnlyList<ReadOnlyMemory<byte>>> Azure = new(() => Load(ProwlerAzure, BatchForm.Json));
    private static readonly Lazy<IReadOnlyList<ReadOnlyMemory<byte>>> Authentication = new(() => Load(SecurityLakeAuthentication, BatchForm.NdJson));
    private static readonly Lazy<IReadOnlyList<ReadOnlyMemory<byte>>> SecurityHub = new(() => Load(SecurityHubFindings, BatchForm.NdJson));

    public static IReadOnlyList<ReadOnlyMemory<byte>> AwsItems => Aws.Value;
    public static IReadOnlyList<ReadOnlyMemory<byte>> AzureItems => Azure.Value;
    public static IReadOnlyList<ReadOnlyMemory<byte>> AuthenticationItems => Authentication.Value;
    public static IReadOnlyList<ReadOnlyMemory<byte>> SecurityHubItems => SecurityHub.Value;

    /// <summary>A small hand-written Detection Finding (OCSF 1.1) from an EDR, using every field the parser reads.</summary>
    public const string EdrFinding = """
        {"class_uid":2004,"category_uid":2,"activity_id":1,"type_uid":200401,"time":1764237600123,
         "metadata":{"version":"1.3.0","product":{"name":"Falcon","vendor_name":"CrowdStrike"},"event_code":"ev-7"},
         "finding_info":{"uid":"f-42","title":"Credential dumping","types":["Credential Access"],"created_time":1764237500000,
           "analytic":{"uid":"R-17","name":"LSASS read","type_id":1},
           "attacks":[{"tactic":{"uid":"TA0006","name":"Credential Access"},"technique":{"uid":"T1003","name":"OS Credential Dumping"},
                       "sub_technique":{"uid":"T1003.001","name":"LSASS Memory"}}]},
         "severity_id":4,"severity":"High","category_name":"Findings",
         "device":{"hostname":"WS-17","ip":"10.0.0.5","type_id":2},
         "actor":{"user":{"name":"alice","uid":"S-1-5-21-1"}},
         "src_endpoint":{"ip":"10.0.0.5","port":51234},
         "dst_endpoint":{"ip":"203.0.113.7","port":443,"hostname":"c2.evil.example"},
         "connection_info":{"protocol_name":"TCP","direction_id":2},
         "observables":[{"name":"file.hash","type_id":8,"value":"D41D8CD98F00B204E9800998ECF8427E"},
                        {"name":"actor.user.name","type_id":4,"value":"alice"},
                        {"name":"mac","type_id":3,"value":"00:11:22:33:44:55"}],
         "evidences":[{"process":{"name":"mimikatz.exe","file":{"path":"C:\\Tools\\mimikatz.exe"}},
                       "file":{"name":"lsass.dmp","path":"C:\\Temp\\lsass.dmp","hashes":[{"algorithm_id":3,"value":"AB12"},{"algorithm_id":1,"value":"CD34"}]},
                       "url":{"url_string":"https://c2.evil.example/x"},"query":{"hostname":"c2.evil.example"}}],
         "status_id":1}
        """;

    private static List<ReadOnlyMemory<byte>> Load(string file, BatchForm form) => [.. AlertBatch.Split(SharedData.Bytes(file), form)];
}

namespace Incidents.Alerts.Tests;

/// <summary>The real Kibana alert documents in shared/data/ecs-alerts, as items (Elasticsearch hits).</summary>
internal static class EcsSamples
{
    public const string EndpointFile = "ecs-alerts/kibana-8.8-endpoint-security-alert.ndjson";
    public const string IndicatorMatchFile = "ecs-alerts/kibana-8.0-indicator-match-alerts.ndjson";

    private static readonly Lazy<IReadOnlyList<ReadOnlyMemory<byte>>> Endpoint = new(() => Load(EndpointFile));
    private static readonly Lazy<IReadOnlyList<ReadOnlyMemory<byte>>> IndicatorMatch = new(() => Load(IndicatorMatchFile));

    public static IReadOnlyList<ReadOnlyMemory<byte>> EndpointItems => Endpoint.Value;
    public static IReadOnlyList<ReadOnlyMemory<byte>> IndicatorMatchItems => IndicatorMatch.Value;

    /// <summary>A small alert in nested ECS form (event.kind alert), using the fields the parser reads.</summary>
    public const string NestedAlert = """
        {"@timestamp":"2026-11-27T10:00:00.123Z",
         "event":{"kind":"alert","category":["intrusion_detection","network"],"severity":73,"risk_score":80},
         "rule":{"name":"ET TROJAN Known C2","id":"2024897"},
         "host":{"name":"WS-17","hostname":"ws-17.corp","ip":["10.0.0.5","fe80::1"]},
         "user":{"name":"alice"},
         "network":{"transport":"TCP"},
         "source":{"ip":"10.0.0.5","port":51234},
         "destination":{"ip":"203.0.113.7","port":443,"domain":"c2.evil.example","address":"203.0.113.7"},
         "threat":{"framework":"MITRE ATT&CK","tactic":{"id":["TA0011"]},"technique":{"id":["T1071"],"subtechnique":{"id":["T1071.001"]}}},
         "file":{"path":"/tmp/x.sh","name":"x.sh","hash":{"sha256":"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"}},
         "process":{"executable":"/usr/bin/curl","name":"curl"},
         "url":{"full":"https://c2.evil.example/beacon","original":"/beacon"},
         "dns":{"question":{"name":"C2.Evil.Example"}}}
        """;

    private static List<ReadOnlyMemory<byte>> Load(string file) => [.. AlertBatch.Split(SharedData.Bytes(file), BatchForm.NdJson)];
}

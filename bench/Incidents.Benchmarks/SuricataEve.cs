using System.Text.Json.Serialization;

namespace Incidents.Benchmarks;

/// <summary>
/// The obvious alternative to a hand-written reader: a small POCO of the 17 Suricata EVE alert fields an
/// integration would want, filled by <c>JsonSerializer.Deserialize</c>. The timestamp stays a string, since
/// Suricata writes its offset as <c>-0600</c>, which System.Text.Json's DateTimeOffset does not read.
/// </summary>
public sealed class SuricataEve
{
    [JsonPropertyName("timestamp")] public string? Timestamp { get; set; }
    [JsonPropertyName("flow_id")] public long FlowId { get; set; }
    [JsonPropertyName("pcap_cnt")] public long PcapCount { get; set; }
    [JsonPropertyName("event_type")] public string? EventType { get; set; }
    [JsonPropertyName("src_ip")] public string? SourceIp { get; set; }
    [JsonPropertyName("src_port")] public int? SourcePort { get; set; }
    [JsonPropertyName("dest_ip")] public string? DestinationIp { get; set; }
    [JsonPropertyName("dest_port")] public int? DestinationPort { get; set; }
    [JsonPropertyName("proto")] public string? Protocol { get; set; }
    [JsonPropertyName("app_proto")] public string? AppProtocol { get; set; }
    [JsonPropertyName("alert")] public SuricataEveAlert? Alert { get; set; }
}

public sealed class SuricataEveAlert
{
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("gid")] public int Gid { get; set; }
    [JsonPropertyName("signature_id")] public long SignatureId { get; set; }
    [JsonPropertyName("rev")] public int Revision { get; set; }
    [JsonPropertyName("signature")] public string? Signature { get; set; }
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("severity")] public int Severity { get; set; }
}

/// <summary>The same POCO with System.Text.Json's source-generated metadata instead of reflection.</summary>
[JsonSerializable(typeof(SuricataEve))]
public sealed partial class SuricataJsonContext : JsonSerializerContext;

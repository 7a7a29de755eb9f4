namespace Incidents.Alerts.Tests;

/// <summary>The 161 real Suricata alerts of the WRCCDC 2017 captures, as items.</summary>
internal static class SuricataSamples
{
    public const string File = "suricata/wrccdc-2017-alerts.json";

    private static readonly Lazy<IReadOnlyList<ReadOnlyMemory<byte>>> Loaded =
        new(() => AlertBatch.Split(SharedData.Bytes(File), BatchForm.Json));

    public static IReadOnlyList<ReadOnlyMemory<byte>> Items => Loaded.Value;

    /// <summary>A small hand-written alert to vary in targeted tests.</summary>
    public const string Minimal = """
        {"timestamp":"2017-03-25T16:49:58.856335-0600","flow_id":1127398650588751,"event_type":"alert",
         "src_ip":"84.92.227.177","src_port":6668,"dest_ip":"10.192.19.6","dest_port":57966,"proto":"TCP",
         "alert":{"action":"allowed","gid":1,"signature_id":2000355,"rev":5,
                  "signature":"ET CHAT IRC authorization message","category":"Misc activity","severity":3}}
        """;
}

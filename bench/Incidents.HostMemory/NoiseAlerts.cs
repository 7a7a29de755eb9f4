using System.Globalization;
using System.Text;
using Incidents.Alerts;
using Incidents.Api.Ingest;
using Incidents.Contracts.Alerts;

namespace Incidents.HostMemory;

/// <summary>
/// Routine noise as the silo gets it: a Suricata EVE alert (severity 3, Low: it opens no incident) from an internal
/// host to a cloud-storage address, normalised by the front door's <see cref="AlertNormalizer"/> and summarised as
/// the front door hands it to the host grains.
/// </summary>
internal static class NoiseAlerts
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Hosts 10.a.b.c with c from 1 to 254: 16.6 million of them.</summary>
    public const int MaxHosts = 254 * 256 * 256;

    private static readonly AlertNormalizer Normalizer = new(new NormalizerOptions());
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>The host's key as the normaliser makes it (its address: an EVE alert names no host).</summary>
    public static string HostKey(int host) => string.Create(CultureInfo.InvariantCulture,
        $"10.{host / (254 * 256)}.{host / 254 % 256}.{(host % 254) + 1}");

    /// <summary>The host's <paramref name="n"/>-th alert; the same for the same arguments.</summary>
    public static AlertSummary Alert(int host, int n, int hosts)
    {
        var at = Start + (Day * (((double)host + n) / (hosts + n + 1)));
        var item = string.Create(CultureInfo.InvariantCulture, $$"""
            {"timestamp":"{{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff}}+0000","flow_id":{{(1_000_000_000_000L * (n + 1)) + host}},"in_iface":"ens3","event_type":"alert","src_ip":"{{HostKey(host)}}","src_port":{{49_152 + ((host + n) % 16_000)}},"dest_ip":"198.51.100.{{(host % 50) + 1}}","dest_port":443,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2023882,"rev":3,"signature":"ET POLICY Dropbox.com Offsite File Backup in Use","category":"Potential Corporate Privacy Violation","severity":3},"tls":{"sni":"client.dropbox.com","version":"TLS 1.2"},"app_proto":"tls"}
            """);
        var result = Normalizer.Normalize(Encoding.UTF8.GetBytes(item), AlertFormat.Suricata);
        return result.Alert is { } alert
            ? alert.ToSummary(at + TimeSpan.FromSeconds(2))
            : throw new InvalidOperationException($"the noise alert does not normalise: {result.Error}");
    }
}

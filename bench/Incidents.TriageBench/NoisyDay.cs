using System.Globalization;
using System.Text.Json.Nodes;

namespace Incidents.TriageBench;

/// <summary>A real attack chain of the day: a beacon on a workstation, an SMB step to a server, an exfil from it.</summary>
public sealed record Chain(string Workstation, string Server);

/// <summary>
/// A synthetic day of Suricata alerts on a 325-host estate, by event time over the 24 hours before it is made: a
/// nightly vulnerability scan of every host, a chatty policy rule on five servers all day, a cloud-backup policy rule on
/// forty workstations now and then, Low background noise on every workstation, and three real chains hidden in it.
/// Deterministic for a seed, but for the times (from the start given) and the flow ids (new each run).
/// </summary>
public sealed class NoisyDay
{
    public const int Workstations = 300;
    public const int Servers = 20;
    public const string Scanner = "10.62.0.5";

    private static readonly (int Id, string Signature, string Category)[] Scans =
    [
        (2002664, "ET SCAN Nessus User Agent", "Attempted Information Leak"),
        (2024364, "ET SCAN Possible Nmap User-Agent Observed", "Web Application Attack"),
        (2010937, "ET SCAN Suspicious inbound to mySQL port 3306", "Potentially Bad Traffic"),
    ];

    private static readonly (int Id, string Signature)[] Background =
    [
        (2027865, "ET INFO Observed DNS Query to .cloud TLD"),
        (2013504, "ET INFO GNU/Linux APT User-Agent Outbound"),
        (2025275, "ET INFO Windows OS Submitting USB Metadata to Microsoft"),
        (2016149, "ET INFO Session Traversal Utilities for NAT (STUN Binding Request)"),
        (2033966, "ET INFO Microsoft Connection Test"),
        (2014726, "ET INFO Packed Executable Download"),
    ];

    private readonly Random _random;
    private readonly DateTimeOffset _start;
    private readonly long _run;
    private long _flow;

    public NoisyDay(int seed, DateTimeOffset start)
    {
        _random = new Random(seed);
        _start = start;
        _run = Random.Shared.NextInt64(1, 1L << 20) << 32;
        Chains = [.. Enumerable.Range(0, 3).Select(i => new Chain(Workstation(50 + (i * 80)), Server(10 + i)))];
        Alerts = [.. Make().OrderBy(a => (string)a["timestamp"]!, StringComparer.Ordinal)];
    }

    public IReadOnlyList<Chain> Chains { get; }

    /// <summary>In event-time order, as a sensor's forwarder sends them.</summary>
    public IReadOnlyList<JsonObject> Alerts { get; }

    public static string Workstation(int i) => $"10.60.{i / 250}.{(i % 250) + 1}";

    public static string Server(int i) => $"10.61.0.{i + 1}";

    private IEnumerable<JsonObject> Make()
    {
        var hosts = Enumerable.Range(0, Workstations).Select(Workstation).Concat(Enumerable.Range(0, Servers).Select(Server)).ToArray();

        // The nightly scan, 01:00-01:40: every host, three probes each.
        for (var h = 0; h < hosts.Length; h++)
        {
            foreach (var (id, signature, category) in Scans)
            {
                yield return Alert(Minutes(60 + (h * 40.0 / hosts.Length)), Scanner, hosts[h], 443, id, signature, category, 2);
            }
        }

        // A chatty policy rule on five servers, every five minutes all day.
        for (var s = 0; s < 5; s++)
        {
            for (var m = 0; m < 24 * 60; m += 5)
            {
                yield return Alert(Minutes(m + _random.NextDouble()), Server(s), "93.184.216.34", 443, 2013028, "ET POLICY curl User-Agent Outbound", "Attempted Information Leak", 2);
            }
        }

        // Cloud backup on forty workstations, six times a day at random.
        for (var w = 0; w < 40; w++)
        {
            for (var n = 0; n < 6; n++)
            {
                yield return Alert(Minutes(_random.NextDouble() * 24 * 60), Workstation(w * 7), "162.125.6.18", 443, 2012647, "ET POLICY Dropbox.com Offsite File Backup in Use", "Potential Corporate Privacy Violation", 2);
            }
        }

        // Background: twenty Low alerts a workstation.
        for (var w = 0; w < Workstations; w++)
        {
            for (var n = 0; n < 20; n++)
            {
                var (id, signature) = Background[_random.Next(Background.Length)];
                yield return Alert(Minutes(_random.NextDouble() * 24 * 60), Workstation(w), "151.101.1.69", 443, id, signature, "Misc activity", 3);
            }
        }

        // Three real chains, at 09:00, 13:00, 17:00: beacon, SMB step to a server ten minutes later, exfil from it.
        for (var c = 0; c < Chains.Count; c++)
        {
            var at = 9 * 60 + (c * 240);
            var (workstation, server) = Chains[c];
            yield return Alert(Minutes(at), workstation, "185.220.101.4", 443, 2032749, "ET MALWARE Cobalt Strike Beacon Observed", "A Network Trojan was detected", 1);
            yield return Alert(Minutes(at + 10), workstation, server, 445, 2025701, "ET POLICY SMB2 NT Create AndX Request For an Executable File", "Potentially Bad Traffic", 2, "T1021.002");
            yield return Alert(Minutes(at + 25), server, "185.220.101.4", 443, 2101201, "ET POLICY Large outbound transfer to a rare host", "Potential Corporate Privacy Violation", 1);
        }
    }

    private DateTimeOffset Minutes(double minutes) => _start.AddMinutes(minutes);

    private JsonObject Alert(DateTimeOffset at, string src, string dst, int port, int id, string signature, string category, int severity, string? technique = null)
    {
        var alert = new JsonObject
        {
            ["timestamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
            ["flow_id"] = _run + Interlocked.Increment(ref _flow),
            ["event_type"] = "alert",
            ["src_ip"] = src,
            ["src_port"] = 40000 + _random.Next(20000),
            ["dest_ip"] = dst,
            ["dest_port"] = port,
            ["proto"] = "TCP",
            ["alert"] = new JsonObject
            {
                ["action"] = "allowed", ["gid"] = 1, ["signature_id"] = id, ["rev"] = 1,
                ["signature"] = signature, ["category"] = category, ["severity"] = severity,
            },
        };
        if (technique is not null)
        {
            alert["alert"]!["metadata"] = new JsonObject { ["mitre_technique_id"] = new JsonArray(technique) };
        }

        return alert;
    }
}

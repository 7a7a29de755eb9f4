using Incidents.Contracts.Alerts;
using Incidents.Grains;

namespace Incidents.Correlation.Benchmarks;

/// <summary>Hosts an attacker walks: the first compromised, each next one reached from the one before.</summary>
internal sealed record Chain(int Index, IReadOnlyList<string> Hosts)
{
    public IEnumerable<(string From, string To)> Edges => Hosts.Zip(Hosts.Skip(1));
}

/// <summary>One step of a chain, and the alert that shows it.</summary>
internal sealed record Hop(string From, string To, string StepAlertId);

/// <summary>
/// A day of alerts in event-time order, the same for the same options: noise from many hosts, with chains of lateral
/// movement hidden in it.
/// </summary>
internal sealed class Workload
{
    public const string FileServer = "fs-01";
    public const int ChainLength = 4;

    /// <summary>A High alert on the first host, then a step and a Low alert for each next host.</summary>
    public const int ItemsPerChain = 1 + (2 * (ChainLength - 1));

    public static readonly int SharedServerPeers = new CorrelationOptions().SharedServerPeers;
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private const double FileServerShare = 0.05;
    private const double HighShare = 0.01;
    private const int MaxGapMinutes = 5;
    private static readonly TimeSpan Day = TimeSpan.FromHours(20);

    // No host is compromised in the first hour: by then the file server is known as shared (a real one has a
    // history), so that a compromised host reaching it is routine from the first time.
    private static readonly TimeSpan Quiet = TimeSpan.FromHours(1);

    private Workload(string tenant, IReadOnlyList<AlertSummary> alerts, IReadOnlyList<Chain> chains, IReadOnlyDictionary<string, Hop> hops, int highNoise, int fileServerAlerts)
    {
        Tenant = tenant;
        Alerts = alerts;
        Chains = chains;
        Hops = hops;
        HighNoise = highNoise;
        FileServerAlerts = fileServerAlerts;
    }

    public string Tenant { get; }

    public IReadOnlyList<AlertSummary> Alerts { get; }

    public IReadOnlyList<Chain> Chains { get; }

    /// <summary>Every chain's steps, by the id of the alert that shows the step.</summary>
    public IReadOnlyDictionary<string, Hop> Hops { get; }

    public int HighNoise { get; }

    public int FileServerAlerts { get; }

    public static Workload Create(string tenant, BenchOptions options)
    {
        var random = new Random(options.Seed);
        var fileServer = Internal(FileServer, 445);
        var hosts = Enumerable.Range(0, options.Hosts).Select(i => new NoiseHost($"ws-{i:D6}")).ToArray();
        var external = Enumerable.Range(1, 50).Select(i => new EndpointSummary($"198.51.100.{i}", 443, null, null, false)).ToArray();
        var alerts = new List<AlertSummary>(options.Alerts);
        var noise = options.Alerts - (options.Chains * ItemsPerChain);
        int high = 0, shared = 0;
        for (var n = 0; n < noise; n++)
        {
            var at = Start + (Day * ((double)n / noise));
            var host = hosts[random.Next(hosts.Length)];
            var id = $"n-{n:D8}";
            if (random.NextDouble() < FileServerShare)
            {
                shared++;
                alerts.Add(Alert(id, at, "SMB session to file server", Severity.Low, "policy", null, host.Endpoint, fileServer, host.WithFileServer));
            }
            else if (at >= Start + Quiet && random.NextDouble() < HighShare)
            {
                high++;
                alerts.Add(Alert(id, at, "C2 beacon", Severity.High, "command-and-control", "T1071", host.Endpoint, external[random.Next(external.Length)], host.Alone));
            }
            else
            {
                alerts.Add(Alert(id, at, "Policy: cloud storage upload", Severity.Low, "policy", null, host.Endpoint, external[random.Next(external.Length)], host.Alone));
            }
        }

        var chains = new List<Chain>(options.Chains);
        var hops = new Dictionary<string, Hop>(StringComparer.Ordinal);
        var span = Day - Quiet - TimeSpan.FromMinutes(ItemsPerChain * MaxGapMinutes);
        for (var c = 0; c < options.Chains; c++)
        {
            var names = Enumerable.Range(0, ChainLength).Select(i => $"chain-{c:D3}-{i}").ToArray();
            chains.Add(new Chain(c, names));

            // One chain in each equal slice of the day, so that they are spread through the run; minutes apart, so
            // that each step comes after the compromise of the host it starts from and well inside the window.
            var at = Start + Quiet + (span * ((c + random.NextDouble()) / options.Chains));
            var beacon = external[random.Next(external.Length)];
            alerts.Add(Alert($"chain-{c:D3}-beacon", at, "Cobalt Strike beacon", Severity.High, "command-and-control", "T1071", Internal(names[0], 49_152), beacon, [names[0]]));
            for (var i = 1; i < ChainLength; i++)
            {
                at += TimeSpan.FromMinutes(random.Next(1, MaxGapMinutes + 1));
                var stepId = $"chain-{c:D3}-step-{i}";
                hops.Add(stepId, new Hop(names[i - 1], names[i], stepId));
                alerts.Add(Alert(stepId, at, "Lateral tool transfer over SMB", Severity.Medium, "lateral-movement", "T1021.002",
                    Internal(names[i - 1], 50_000), Internal(names[i], 445), [names[i], names[i - 1]]));

                at += TimeSpan.FromMinutes(random.Next(1, MaxGapMinutes + 1));
                alerts.Add(Alert($"chain-{c:D3}-low-{i}", at, "Suspicious service installed", Severity.Low, "execution", null,
                    Internal(names[i], 49_152), beacon, [names[i]]));
            }
        }

        // Stable: at the same minute the noise goes first.
        return new Workload(tenant, [.. alerts.OrderBy(a => a.Time)], chains, hops, high, shared);
    }

    private static AlertSummary Alert(string id, DateTimeOffset at, string title, Severity severity, string category, string? technique,
        EndpointSummary src, EndpointSummary dst, IReadOnlyList<string> hosts) => new()
        {
            Id = id,
            Fingerprint = id,
            Source = "bench",
            Time = at,
            Title = title,
            Severity = severity,
            Category = category,
            Technique = technique,
            Protocol = "tcp",
            Src = src,
            Dst = dst,
            Hosts = hosts,
            ReceivedAt = at,
        };

    private static EndpointSummary Internal(string host, int port) => new(null, port, host, null, true);

    /// <summary>A noise host's endpoint and host lists, made once: a million alerts share them.</summary>
    private sealed class NoiseHost(string key)
    {
        public EndpointSummary Endpoint { get; } = Internal(key, 49_152);

        public string[] Alone { get; } = [key];

        // A network alert's primary host is its destination.
        public string[] WithFileServer { get; } = [FileServer, key];
    }
}

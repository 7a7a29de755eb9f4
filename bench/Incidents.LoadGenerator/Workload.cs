using System.Globalization;

namespace Incidents.LoadGenerator;

public enum TrackedKind
{
    /// <summary>A chain's first host calls its C2: High, opens the chain's incident.</summary>
    Command,

    /// <summary>A step from one chain host to the next over SMB (445, T1021.002): Medium, filed by the reached host.</summary>
    Step,

    /// <summary>A Low alert on the host just reached, to the outside.</summary>
    AfterStep,

    /// <summary>A High large outbound transfer from an exfil host: its own incident.</summary>
    Exfil,
}

/// <summary>A chain or exfil alert, followed to its incident. The run fills in what became of it.</summary>
public sealed class TrackedAlert
{
    public required int Index { get; init; }
    public required TrackedKind Kind { get; init; }

    /// <summary>The chain's or the exfil host's number.</summary>
    public required int Group { get; init; }

    /// <summary>For a chain, which of its hosts files it (0 for the C2 alert, 1–3 for a step and the alert after it).</summary>
    public required int Hop { get; init; }

    /// <summary>Unique in the run: the run id, the chain or exfil number and the hop are in it.</summary>
    public required string Title { get; init; }

    /// <summary>The host whose grain files it, so the host whose incident it must show in.</summary>
    public required string PrimaryHost { get; init; }

    public required string Source { get; init; }
    public required string Destination { get; init; }
    public required int DestinationPort { get; init; }
    public required int Severity { get; init; }
    public required int SignatureId { get; init; }
    public required string Category { get; init; }
    public string? Technique { get; init; }

    /// <summary>Where in the run it is posted, 0–1: its place in the stream and in event time.</summary>
    public required double Fraction { get; init; }

    /// <summary>True once its batch was answered 202 and it was not rejected.</summary>
    public bool Accepted { get; internal set; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of its batch's 202.</summary>
    public long AcceptedAt { get; internal set; }

    /// <summary>From its batch's 202 to the read that showed it in the incident holding its primary host; null if never seen.</summary>
    public TimeSpan? Visible { get; internal set; }
}

public sealed record Chain(int Index, IReadOnlyList<string> Hosts, IReadOnlyList<TrackedAlert> Alerts);

public sealed record ExfilHost(int Index, string Host, TrackedAlert Alert);

/// <summary>
/// What a run posts, deterministic from the options and seed but for the run id (which makes every alert new to
/// the system) and the event times (the two hours before the run starts). Hosts have fixed addresses, so that
/// runs against the same system reuse them in the same roles: background host i, chain c's hosts, exfil host e.
/// </summary>
public sealed class Workload
{
    public const int ChainLength = 4;
    public const int AlertsPerChain = 1 + 2 * (ChainLength - 1);

    /// <summary>Addresses per /16: 256 × 250; the chain and exfil hosts have one /16 each.</summary>
    public const int MaxHosts = 64_000;

    /// <summary>Background hosts span eight /16s, 10.20.0.0 to 10.27.255.255, so a run can meet half a million new hosts.</summary>
    public const int MaxBackgroundHosts = 8 * MaxHosts;

    /// <summary>Flow ids are the run number above 38 bits of the alert's place in the stream.</summary>
    public const long MaxAlerts = 1L << 38;

    /// <summary>The event time a run covers; a chain is spread over at most 0.9 of it.</summary>
    public static readonly TimeSpan EventSpan = TimeSpan.FromHours(2);

    private Workload(LoadOptions options, int runNumber, DateTimeOffset eventStart, List<Chain> chains, List<ExfilHost> exfil)
    {
        Options = options;
        RunNumber = runNumber;
        RunId = string.Create(CultureInfo.InvariantCulture, $"r{runNumber:x6}");
        EventStart = eventStart;
        Chains = chains;
        Exfil = exfil;
        Tracked = [.. chains.SelectMany(c => c.Alerts).Concat(exfil.Select(e => e.Alert)).OrderBy(t => t.Fraction).ThenBy(t => t.Index)];
    }

    public LoadOptions Options { get; }

    /// <summary>24 random bits per run, in every flow id.</summary>
    public int RunNumber { get; }

    /// <summary><c>r</c> and the run number in hex, in every signature.</summary>
    public string RunId { get; }

    public DateTimeOffset EventStart { get; }
    public IReadOnlyList<Chain> Chains { get; }
    public IReadOnlyList<ExfilHost> Exfil { get; }

    /// <summary>Every chain and exfil alert, in the order they are posted.</summary>
    public IReadOnlyList<TrackedAlert> Tracked { get; }

    /// <summary>The tag every signature of this run ends with.</summary>
    public string Tag => $"[load {RunId}]";

    public static string BackgroundHost(int i) => Address(20 + i / MaxHosts, i % MaxHosts);
    public static string ChainHost(int chain, int hop) => Address(30, chain * ChainLength + hop);
    public static string ExfilAddress(int i) => Address(40, i);

    private static string Address(int network, int i) =>
        string.Create(CultureInfo.InvariantCulture, $"10.{network}.{i / 250}.{i % 250 + 1}");

    public static Workload Create(LoadOptions options, int runNumber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runId = string.Create(CultureInfo.InvariantCulture, $"r{runNumber:x6}");
        var random = new Random(options.Seed);
        var index = 0;
        var chains = new List<Chain>(options.Chains);
        for (var c = 0; c < options.Chains; c++)
        {
            var hosts = Enumerable.Range(0, ChainLength).Select(h => ChainHost(c, h)).ToArray();
            var c2 = string.Create(CultureInfo.InvariantCulture, $"203.0.113.{c % 254 + 1}");

            // Seven alerts a tenth of the run apart (about 11 minutes of event time), starting early enough to end by 0.9.
            var start = 0.02 + random.NextDouble() * 0.28;
            var gap = 0.08 + random.NextDouble() * 0.02;
            var alerts = new List<TrackedAlert>(AlertsPerChain)
            {
                new()
                {
                    Index = index++, Kind = TrackedKind.Command, Group = c, Hop = 0, Fraction = start,
                    Title = F($"ET MALWARE Cobalt Strike Beacon Observed [load {runId} chain {c:D3}]"),
                    PrimaryHost = hosts[0], Source = hosts[0], Destination = c2, DestinationPort = 443,
                    Severity = 1, SignatureId = 2_900_001, Category = "A Network Trojan was detected", Technique = "T1071.001",
                },
            };
            for (var hop = 1; hop < ChainLength; hop++)
            {
                alerts.Add(new()
                {
                    Index = index++, Kind = TrackedKind.Step, Group = c, Hop = hop, Fraction = start + gap * (2 * hop - 1),
                    Title = F($"ET POLICY SMB2 Remote Service Executable Write [load {runId} chain {c:D3} hop {hop}]"),
                    PrimaryHost = hosts[hop], Source = hosts[hop - 1], Destination = hosts[hop], DestinationPort = 445,
                    Severity = 2, SignatureId = 2_900_002, Category = "Attempted Administrator Privilege Gain", Technique = "T1021.002",
                });
                alerts.Add(new()
                {
                    Index = index++, Kind = TrackedKind.AfterStep, Group = c, Hop = hop, Fraction = start + gap * 2 * hop,
                    Title = F($"ET INFO Suspicious TLS SNI Observed [load {runId} chain {c:D3} host {hop}]"),
                    PrimaryHost = hosts[hop], Source = hosts[hop], Destination = c2, DestinationPort = 443,
                    Severity = 3, SignatureId = 2_900_003, Category = "Potentially Bad Traffic",
                });
            }

            chains.Add(new Chain(c, hosts, alerts));
        }

        var exfil = new List<ExfilHost>(options.Exfil);
        for (var e = 0; e < options.Exfil; e++)
        {
            var host = ExfilAddress(e);
            exfil.Add(new ExfilHost(e, host, new TrackedAlert
            {
                Index = index++, Kind = TrackedKind.Exfil, Group = e, Hop = 0, Fraction = 0.02 + random.NextDouble() * 0.96,
                Title = F($"ET POLICY Large Outbound Transfer to External Host [load {runId} exfil {e:D3}]"),
                PrimaryHost = host, Source = host, Destination = string.Create(CultureInfo.InvariantCulture, $"192.0.2.{e % 254 + 1}"),
                DestinationPort = 443, Severity = 1, SignatureId = 2_900_004, Category = "Potential Corporate Privacy Violation", Technique = "T1048",
            }));
        }

        // Whole seconds, two hours and a minute before now: every event time is in the past.
        var eventStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) - EventSpan - TimeSpan.FromMinutes(1);
        return new Workload(options, runNumber, eventStart, chains, exfil);
    }

    /// <summary>The background hosts the ground-truth check reads: a sample fixed by the seed.</summary>
    public IReadOnlyList<int> SampledBackgroundHosts()
    {
        var count = Math.Min(Options.SampledHosts, Options.Hosts);
        var all = Enumerable.Range(0, Options.Hosts).ToArray();
        new Random(Options.Seed ^ 0x5eed).Shuffle(all);
        return [.. all.Take(count).Order()];
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

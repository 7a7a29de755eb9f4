using System.Globalization;
using System.Text;

namespace Incidents.LoadGenerator;

/// <summary>What to run against which system; <see cref="Parse"/> reads them from a command line.</summary>
public sealed record LoadOptions
{
    public const string DefaultIngestKey = "inc_dev_ingest_5b1f0c7e2a9d4c38";
    public const string DefaultAnalystKey = "inc_dev_analyst_8e3a61d4b7c2f095";

    public const string Usage = """
        usage: dotnet run -c Release --project bench/Incidents.LoadGenerator -- [options]
          --url http://localhost:5080        the running system's front door
          --ingest-key KEY                   a key with the ingest role (default: the Development key)
          --analyst-key KEY                  a key with the analyst role (default: the Development key)
          --hosts 2000                       background hosts, 10.20.0.0/16 on (up to 512000: 10.20–10.27)
          --sweep                            noise goes to the background hosts in turn, not at random: a first pass
                                             over hosts new to the system is each one's first alert
          --chains 20                        4-host lateral chains, 10.30.0.0/16
          --exfil 20                         hosts with one High large outbound transfer each, 10.40.0.0/16
          --alerts 200000                    alerts in all, chains and exfil included
          --duration SECONDS                 post for this long instead of a number of alerts
          --batch 1000                       alerts per request
          --concurrency 4                    requests in flight
          --rate 0                           target alerts/s, paced per batch; 0 = as fast as the system answers
          --dry-run                          post to ?dryRun=true (parse only); no visibility or ground-truth checks
          --seed 1                           the workload is the same for the same options and seed
          --no-check                         skip the ground-truth check
        """;

    public Uri Url { get; init; } = new("http://localhost:5080/");
    public string IngestKey { get; init; } = DefaultIngestKey;
    public string AnalystKey { get; init; } = DefaultAnalystKey;
    public int Hosts { get; init; } = 2_000;
    public int Chains { get; init; } = 20;
    public int Exfil { get; init; } = 20;
    public long Alerts { get; init; } = 200_000;

    /// <summary>When set, post for this long (however many alerts that is) instead of <see cref="Alerts"/>.</summary>
    public TimeSpan? Duration { get; init; }

    public int Batch { get; init; } = 1_000;
    public int Concurrency { get; init; } = 4;

    /// <summary>Target alerts/s, paced per batch; 0 posts as fast as the system answers.</summary>
    public double Rate { get; init; }

    public bool DryRun { get; init; }
    public int Seed { get; init; } = 1;
    public bool NoCheck { get; init; }

    /// <summary>Noise alert k goes to background host k mod <see cref="Hosts"/> instead of a random one.</summary>
    public bool Sweep { get; init; }

    /// <summary>How many background hosts the ground-truth check reads.</summary>
    public int SampledHosts { get; init; } = 200;

    /// <summary>Alerts that are followed to their incident: every chain and exfil alert.</summary>
    public int TrackedAlerts => Chains * Workload.AlertsPerChain + Exfil;

    /// <summary>Options as <c>--name value</c> pairs and flags; throws <see cref="ArgumentException"/> with what is wrong.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadOptions();
        bool sawAlerts = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--dry-run":
                    options = options with { DryRun = true };
                    continue;
                case "--no-check":
                    options = options with { NoCheck = true };
                    continue;
                case "--sweep":
                    options = options with { Sweep = true };
                    continue;
                case "-h" or "--help":
                    throw new ArgumentException("");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            var value = args[++i];
            options = name switch
            {
                "--url" => options with { Url = ParseUrl(value) },
                "--ingest-key" => options with { IngestKey = NonEmpty(name, value) },
                "--analyst-key" => options with { AnalystKey = NonEmpty(name, value) },
                "--hosts" => options with { Hosts = Int(name, value) },
                "--chains" => options with { Chains = Int(name, value) },
                "--exfil" => options with { Exfil = Int(name, value) },
                "--alerts" => options with { Alerts = Long(name, value) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number(name, value)) },
                "--batch" => options with { Batch = Int(name, value) },
                "--concurrency" => options with { Concurrency = Int(name, value) },
                "--rate" => options with { Rate = Number(name, value) },
                "--seed" => options with { Seed = Int(name, value) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
            sawAlerts |= name == "--alerts";
        }

        Require(!(sawAlerts && options.Duration is not null), "give --alerts or --duration, not both");
        Require(options.Hosts is >= 1 and <= Workload.MaxBackgroundHosts, $"--hosts is from 1 to {Workload.MaxBackgroundHosts}");
        Require(options.Chains is >= 0 and <= Workload.MaxHosts / Workload.ChainLength, $"--chains is from 0 to {Workload.MaxHosts / Workload.ChainLength}");
        Require(options.Exfil is >= 0 and <= Workload.MaxHosts, $"--exfil is from 0 to {Workload.MaxHosts}");
        Require(options.Batch is >= 1 and <= 10_000, "--batch is from 1 to 10000 (the front door's default limit)");
        Require(options.Concurrency is >= 1 and <= 256, "--concurrency is from 1 to 256");
        Require(options.Rate >= 0 && double.IsFinite(options.Rate), "--rate must be 0 or more");
        Require(options.Duration is null || options.Duration > TimeSpan.Zero, "--duration must be more than 0");
        Require(options.Duration is not null || options.Alerts >= 2L * options.TrackedAlerts,
            $"--alerts must be at least {2L * options.TrackedAlerts}: twice the chain and exfil alerts, so that they are hidden in noise");
        Require(options.Alerts < Workload.MaxAlerts, $"--alerts must be under {Workload.MaxAlerts}");
        return options;
    }

    /// <summary>The command that runs this configuration again (a key that is not the Development one is left as a variable).</summary>
    public string CommandLine
    {
        get
        {
            var line = new StringBuilder("dotnet run -c Release --project bench/Incidents.LoadGenerator --");
            Append($" --url {Url.GetLeftPart(UriPartial.Authority)}");
            if (IngestKey != DefaultIngestKey)
            {
                Append($" --ingest-key \"$INGEST_KEY\"");
            }

            if (AnalystKey != DefaultAnalystKey)
            {
                Append($" --analyst-key \"$ANALYST_KEY\"");
            }

            Append($" --hosts {Hosts} --chains {Chains} --exfil {Exfil}");
            if (Duration is { } duration)
            {
                Append($" --duration {duration.TotalSeconds:0.###}");
            }
            else
            {
                Append($" --alerts {Alerts}");
            }

            Append($" --batch {Batch} --concurrency {Concurrency} --rate {Rate:0.###} --seed {Seed}");
            if (DryRun)
            {
                line.Append(" --dry-run");
            }

            if (NoCheck)
            {
                line.Append(" --no-check");
            }

            if (Sweep)
            {
                line.Append(" --sweep");
            }

            return line.ToString();

            void Append(FormattableString text) => line.Append(text.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static Uri ParseUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--url needs an http(s) address, not '{value}'");
        }

        return new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static string NonEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} needs a value") : value;

    private static int Int(string name, string value) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ArgumentException($"{name} needs a whole number, not '{value}'");

    private static long Long(string name, string value) =>
        long.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ArgumentException($"{name} needs a whole number, not '{value}'");

    private static double Number(string name, string value) =>
        double.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ArgumentException($"{name} needs a number, not '{value}'");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}

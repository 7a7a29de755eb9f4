using System.Globalization;

namespace Incidents.Correlation.Benchmarks;

internal sealed record BenchOptions(int Silos, int Hosts, int Alerts, int Chains, int Batch, int Concurrency, int Seed, int Warmup)
{
    public static BenchOptions Default { get; } = new(Silos: 1, Hosts: 10_000, Alerts: 300_000, Chains: 100, Batch: 1_000, Concurrency: 4, Seed: 1, Warmup: 200_000);

    public const string Usage =
        "options: --silos 1 --hosts 10000 --alerts 300000 --chains 100 --batch 1000 --concurrency 4 --seed 1 --warmup 200000";

    /// <summary>The command that runs this configuration again.</summary>
    public string CommandLine => string.Create(CultureInfo.InvariantCulture,
        $"dotnet run -c Release --project bench/Incidents.Correlation.Benchmarks -- --silos {Silos} --hosts {Hosts} --alerts {Alerts} --chains {Chains} --batch {Batch} --concurrency {Concurrency} --seed {Seed} --warmup {Warmup}");

    /// <summary>
    /// The untimed run before the measured one, in a tenant of its own: up to 2,000 hosts, a few chains, so that every
    /// path is compiled to its optimised tier as in a silo that has been running for a while.
    /// </summary>
    public BenchOptions WarmupRun => this with
    {
        Hosts = Math.Min(Hosts, 2_000),
        Alerts = Warmup,
        Chains = Math.Min(10, Warmup / (2 * Workload.ItemsPerChain)),
        Seed = Seed + 1,
    };

    /// <summary>Options as <c>--name value</c> pairs; throws <see cref="ArgumentException"/> with what is wrong.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = BenchArguments.Parse(args, Default, (options, name, value) => name switch
        {
            "--silos" => options with { Silos = value },
            "--hosts" => options with { Hosts = value },
            "--alerts" => options with { Alerts = value },
            "--chains" => options with { Chains = value },
            "--batch" => options with { Batch = value },
            "--concurrency" => options with { Concurrency = value },
            "--seed" => options with { Seed = value },
            "--warmup" => options with { Warmup = value },
            _ => null,
        });

        BenchArguments.Require(options.Silos is >= 1 and <= short.MaxValue, "--silos must be at least 1");
        BenchArguments.Require(options.Hosts >= 2 * Workload.SharedServerPeers, $"--hosts must be at least {2 * Workload.SharedServerPeers}, so that the file server is shared");
        BenchArguments.Require(options.Chains >= 0 && options.Warmup >= 0, "--chains and --warmup must not be negative");
        BenchArguments.Require(options.Batch >= 1 && options.Concurrency >= 1, "--batch and --concurrency must be at least 1");
        BenchArguments.Require(options.Alerts >= 2 * options.Chains * Workload.ItemsPerChain,
            $"--alerts must be at least {2 * Workload.ItemsPerChain} per chain, so that the chains are hidden in noise");
        return options;
    }
}

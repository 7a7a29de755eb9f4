using System.Globalization;
using Incidents.Correlation.Benchmarks;

namespace Incidents.HostMemory;

/// <param name="Hosts">Host grains to activate.</param>
/// <param name="Alerts">Alerts each host gets, in one call; 0 activates it with an empty call.</param>
/// <param name="Batch">Hosts per batch (one call each).</param>
/// <param name="Concurrency">Batches in flight.</param>
/// <param name="Isolated">Host states built outside the grains, to weigh their parts; 0 for none.</param>
/// <param name="Settle">Seconds to wait after the last call before measuring, so that deferred state writes have run;
/// -1 for the state write delay and 10 s more (none when the delay is over 5 minutes).</param>
/// <param name="Warmup">Hosts of another tenant activated first, so that pools and code are in place before the
/// heap is measured.</param>
internal sealed record HostMemoryOptions(int Hosts, int Alerts, int Batch, int Concurrency, int Isolated, int Settle, int Warmup)
{
    public static HostMemoryOptions Default { get; } = new(Hosts: 1_000_000, Alerts: 1, Batch: 1_000, Concurrency: 4, Isolated: 100_000, Settle: -1, Warmup: 2_000);

    public const string Usage =
        "options: --hosts 1000000 --alerts 1 --batch 1000 --concurrency 4 --isolated 100000 --settle -1 --warmup 2000";

    /// <summary>The command that runs this configuration again.</summary>
    public string CommandLine => string.Create(CultureInfo.InvariantCulture,
        $"dotnet run -c Release --project bench/Incidents.HostMemory -- --hosts {Hosts} --alerts {Alerts} --batch {Batch} --concurrency {Concurrency} --isolated {Isolated} --settle {Settle} --warmup {Warmup}");

    /// <summary>Options as <c>--name value</c> pairs; throws <see cref="ArgumentException"/> with what is wrong.</summary>
    public static HostMemoryOptions Parse(IReadOnlyList<string> args)
    {
        var options = BenchArguments.Parse(args, Default, (options, name, value) => name switch
        {
            "--hosts" => options with { Hosts = value },
            "--alerts" => options with { Alerts = value },
            "--batch" => options with { Batch = value },
            "--concurrency" => options with { Concurrency = value },
            "--isolated" => options with { Isolated = value },
            "--settle" => options with { Settle = value },
            "--warmup" => options with { Warmup = value },
            _ => null,
        });

        BenchArguments.Require(options.Hosts is >= 1 and <= NoiseAlerts.MaxHosts, $"--hosts must be from 1 to {NoiseAlerts.MaxHosts:N0}");
        BenchArguments.Require(options.Alerts is >= 0 and <= 100, "--alerts must be from 0 to 100 (a host keeps 100)");
        BenchArguments.Require(options.Batch >= 1 && options.Concurrency >= 1, "--batch and --concurrency must be at least 1");
        BenchArguments.Require(options.Isolated >= 0 && options.Settle >= -1 && options.Warmup >= 0, "--isolated and --warmup must not be negative, --settle not below -1");
        return options;
    }
}

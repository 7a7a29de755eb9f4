using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Incidents.Benchmarks;

// dotnet run -c Release --project bench/Incidents.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Incidents.Benchmarks -- --probe     (a quick stopwatch breakdown, no BenchmarkDotNet)
if (args is ["--probe", ..])
{
    Probe.Run();
    return 0;
}

// Op/s is per item, since every benchmark sets OperationsPerInvoke to the items it handles. Median and Min beside
// the mean: on a machine shared with other work the mean carries the others' bursts, and Min is the nearest to an
// idle core. Results go beside this project (BenchmarkDotNet.Artifacts/results/*-report-github.md), not into
// whatever directory it was started from.
var config = DefaultConfig.Instance
    .WithArtifactsPath(Path.Combine(ProjectDirectory(), "BenchmarkDotNet.Artifacts"))
    .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.OperationsPerSecond);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;

static string ProjectDirectory()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Incidents.Benchmarks.csproj")))
        {
            return directory.FullName;
        }
    }

    return Environment.CurrentDirectory;
}

using Incidents.Correlation.Benchmarks;
using Incidents.Grains;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

// dotnet run -c Release --project bench/Incidents.Correlation.Benchmarks -- [--alerts 300000 ...]; see README.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n{BenchOptions.Usage}");
    return 2;
}

var workload = Workload.Create("bench", options);

// Correlation's default options, unless environment variables set some as they would for the silo
// (Incidents__Correlation__StateWriteDelay=00:00:30): for experiments, and the report names them.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var overrides = configuration.GetSection(CorrelationOptions.Section).AsEnumerable(makePathsRelative: true)
    .Where(p => p.Value is not null).Select(p => (Name: p.Key, Value: p.Value!)).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();

// Memory storage, so that grains and messaging are measured, not Azurite. State is still serialized at every write,
// in Orleans' binary format as the silo stores it (StoreStateInBinary there): the memory provider's default, JSON,
// costs several times more.
var builder = new InProcessTestClusterBuilder((short)options.Silos);
builder.ConfigureSilo((_, silo) =>
{
    silo.AddIncidentGrains(configuration)
        .AddMemoryGrainStorage(StorageNames.Incidents)
        .AddMemoryGrainStorage(StorageNames.Lists);
    silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
    // Webhook secrets sealed under a key of this run's own: nothing is kept between runs.
    silo.Services.AddSingleton(new Incidents.Grains.Escalation.WebhookSecretBox(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Incidents.Grains.Escalation.WebhookSecretBox.KeySize)));
});
await using var cluster = builder.Build();
await cluster.DeployAsync();

if (options.Warmup > 0)
{
    await Console.Error.WriteLineAsync($"Warming up with {options.Warmup:N0} alerts in another tenant...");
    await Delivery.RunAsync(Delivery.Prepare(cluster.Client, Workload.Create("warmup", options.WarmupRun), options.Batch), options.Concurrency, watch: null);
}

var batches = Delivery.Prepare(cluster.Client, workload, options.Batch);
var correlations = new Correlations(cluster.Client, workload.Tenant);
var watch = new HopWatch(correlations);
await Console.Error.WriteLineAsync($"Delivering {options.Alerts:N0} alerts in {batches.Count:N0} batches...");

var before = ProcessSample.Take();
var delivery = await Delivery.RunAsync(batches, options.Concurrency, watch);
var process = ProcessSample.Take() - before;
var pollReads = correlations.Reads;

var hops = await watch.AllAsync();
var check = await ChainCheck.RunAsync(correlations, workload.Chains);
Report.Print(Console.Out, options, overrides, workload, delivery, process, pollReads, hops, check);
return check.Whole == workload.Chains.Count && !check.SharedServerInIncident ? 0 : 1;

using Incidents.Correlation.Benchmarks;
using Incidents.Grains;
using Incidents.Grains.Hosts;
using Incidents.Grains.Storage;
using Incidents.HostMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

// dotnet run -c Release --project bench/Incidents.HostMemory -- [--hosts 1000000 ...]; see README.md.
HostMemoryOptions options;
try
{
    options = HostMemoryOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n{HostMemoryOptions.Usage}");
    return 2;
}

// Correlation's default options, unless environment variables set some as they would for the silo
// (Incidents__Correlation__StateWriteDelay=00:30:00): the report names them.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var overrides = configuration.GetSection(CorrelationOptions.Section).AsEnumerable(makePathsRelative: true)
    .Where(p => p.Value is not null).Select(p => (Name: p.Key, Value: p.Value!)).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();

// One silo. Storage that keeps nothing, so that the heap holds the grains and not a store's copy of their state.
// Idle collection is put off for the run (the activations must outlive it, however slow this machine is), and
// shedding activations on memory pressure, off by default in Orleans 10, is kept off: it would lower the figure
// by deactivating hosts rather than show it.
var builder = new InProcessTestClusterBuilder(1);
builder.ConfigureSilo((_, silo) =>
{
    silo.AddIncidentGrains(configuration);
    silo.Services.AddGrainStorage(StorageNames.Incidents, (_, _) => new DiscardingGrainStorage());
    silo.Services.AddGrainStorage(StorageNames.Lists, (_, _) => new DiscardingGrainStorage());
    // Webhook secrets sealed under a key of this run's own: nothing is kept between runs.
    silo.Services.AddSingleton(new Incidents.Grains.Escalation.WebhookSecretBox(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Incidents.Grains.Escalation.WebhookSecretBox.KeySize)));
    silo.Configure<GrainCollectionOptions>(o =>
    {
        o.CollectionAge = TimeSpan.FromDays(1);
        o.EnableActivationSheddingOnMemoryPressure = false;
    });
});
await using var cluster = builder.Build();
await cluster.DeployAsync();
var silo = cluster.Silos[0].ServiceProvider;
var collection = silo.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
var correlation = silo.GetRequiredService<IOptions<CorrelationOptions>>().Value;
var storage = (DiscardingGrainStorage)silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);
var management = cluster.Client.GetGrain<IManagementGrain>(0);

if (options.Warmup > 0)
{
    await Console.Error.WriteLineAsync($"Warming up with {options.Warmup:N0} hosts in another tenant...");
    await Activation.RunAsync(cluster.Client, "warmup", options.Warmup, options.Alerts, options.Batch, options.Concurrency);
}

StateWeights? weights = null;
if (options.Isolated > 0)
{
    await Console.Error.WriteLineAsync($"Weighing {options.Isolated:N0} host states built outside the grains...");
    weights = StateWeights.Measure(silo.GetRequiredService<Serializer>(), options.Isolated, options.Alerts);
}

var hostType = typeof(HostGrain).FullName!;
var hostsBefore = await HostActivations(management, hostType);
var before = MemorySample.AfterFullCompaction();
var cpuBefore = ProcessSample.Take();
await Console.Error.WriteLineAsync($"Activating {options.Hosts:N0} hosts...");
var activation = await Activation.RunAsync(cluster.Client, "bench", options.Hosts, options.Alerts, options.Batch, options.Concurrency);
var cpu = ProcessSample.Take() - cpuBefore;

// Long enough for the last host's deferred state write, unless writes are put off past any wait worth making.
var settle = options.Settle >= 0 ? TimeSpan.FromSeconds(options.Settle)
    : correlation.StateWriteDelay <= TimeSpan.FromMinutes(5) ? correlation.StateWriteDelay + TimeSpan.FromSeconds(10) : TimeSpan.Zero;
await Console.Error.WriteLineAsync($"Activated in {activation.Elapsed.TotalSeconds:N1} s; waiting {settle.TotalSeconds:N0} s for deferred state writes...");
await Task.Delay(settle);
var after = MemorySample.AfterFullCompaction();

// Counted after the measurement, so that a host deactivated before it would show.
var hostsAfter = await HostActivations(management, hostType);
var total = await management.GetTotalActivationCount();
var measured = new Measured(activation, cpu, Activation.TimeToMake(Math.Min(options.Hosts, 20_000), options.Alerts),
    before, after, hostsBefore, hostsAfter, total, storage.Writes, correlation.StateWriteDelay, settle);
HostMemoryReport.Print(Console.Out, options, overrides, collection, measured, weights);
await Console.Out.FlushAsync();
return hostsAfter - hostsBefore >= options.Hosts ? 0 : 1;

static async Task<long> HostActivations(IManagementGrain management, string hostType) =>
    (await management.GetSimpleGrainStatistics())
        .Where(s => s.GrainType == hostType || s.GrainType.StartsWith(hostType + ",", StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);

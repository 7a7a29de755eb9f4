using Incidents.Contracts.Alerts;
using Incidents.Contracts.Enrichment;
using Incidents.Grains;
using Incidents.Grains.Enrichment;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Incidents.Grains.Tests.Enrichment;

/// <summary>
/// One silo with the real enrichers and three of the tests' own: one that answers at once, one that never does (it waits
/// out its deadline), one that throws.
/// </summary>
public sealed class EnrichmentClusterFixture : IAsyncLifetime
{
    /// <summary>Long enough that nothing else in a test comes near it: what finishes before it was not held back.</summary>
    public static readonly TimeSpan EnricherTimeout = TimeSpan.FromSeconds(8);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"{EnrichmentOptions.Section}:{nameof(EnrichmentOptions.EnricherTimeout)}"] = EnricherTimeout.ToString(),
                    [TestSecretKey.Setting] = TestSecretKey.Base64,
                })
                .Build();
            silo.AddIncidentGrains(configuration)
                .AddMemoryGrainStorage(StorageNames.Incidents)
                .AddMemoryGrainStorage(StorageNames.Lists)
                .UseInMemoryReminderService();
            silo.Services.AddSingleton<IEnricher, QuickEnricher>();
            silo.Services.AddSingleton<IEnricher, SlowEnricher>();
            silo.Services.AddSingleton<IEnricher, FailingEnricher>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class EnrichmentClusterCollection : ICollectionFixture<EnrichmentClusterFixture>
{
    public const string Name = "enrichment-cluster";
}

/// <summary>Finds a fact about each new host at once, and makes the incident High.</summary>
public sealed class QuickEnricher : IEnricher
{
    public string Name => "quick";

    public bool Wants(EnrichmentWork work) => work.New.Hosts.Count > 0;

    public Task<IReadOnlyList<EnrichmentFinding>> Enrich(EnrichmentWork work, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EnrichmentFinding>>([.. work.New.Hosts.Select(h => work.Found(this, h, "quick", "Known to the quick enricher") with { Raises = Severity.High })]);
}

/// <summary>Never answers: it waits until its deadline cancels it.</summary>
public sealed class SlowEnricher : IEnricher
{
    public string Name => "slow";

    public bool Wants(EnrichmentWork work) => work.New.Hosts.Count > 0;

    public async Task<IReadOnlyList<EnrichmentFinding>> Enrich(EnrichmentWork work, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return [];
    }
}

public sealed class FailingEnricher : IEnricher
{
    public string Name => "failing";

    public bool Wants(EnrichmentWork work) => work.New.Hosts.Count > 0;

    public Task<IReadOnlyList<EnrichmentFinding>> Enrich(EnrichmentWork work, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the enricher's service is down");
}

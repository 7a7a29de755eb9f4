using Incidents.Grains;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using EscalationOptions = Incidents.Grains.Escalation.EscalationOptions;
using TriageOptions = Incidents.Grains.Triage.TriageOptions;

namespace Incidents.Grains.Tests;

/// <summary>Three silos in this process with in-memory storage: for grain logic, not for storage.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"{CorrelationOptions.Section}:{nameof(CorrelationOptions.HostRecentAlerts)}"] = "10",
                    [$"{CorrelationOptions.Section}:{nameof(CorrelationOptions.IncidentAlertsKept)}"] = "20",

                    // So that the scale test can count every step its hundred infected hosts make to the dc.
                    [$"{CorrelationOptions.Section}:{nameof(CorrelationOptions.HostSuspicionsKept)}"] = "200",

                    // So that a removed suppression is seen within a test's patience.
                    [$"{TriageOptions.Section}:{nameof(TriageOptions.SuppressionRefresh)}"] = "00:00:00.200",
                    [$"{TriageOptions.Section}:{nameof(TriageOptions.TallyFlush)}"] = "00:00:00.200",

                    // So that a tenant's new escalation policy reaches its incidents within a test's patience.
                    [$"{EscalationOptions.Section}:{nameof(EscalationOptions.PolicyRefresh)}"] = "00:00:00.200",
                    [TestSecretKey.Setting] = TestSecretKey.Base64,
                })
                .Build();
            silo.AddIncidentGrains(configuration)
                .AddMemoryGrainStorage(StorageNames.Incidents)
                .AddMemoryGrainStorage(StorageNames.Lists)
                .UseInMemoryReminderService();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

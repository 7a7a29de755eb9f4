using Incidents.Grains;
using Incidents.Grains.Escalation;
using Incidents.Grains.Storage;
using Incidents.Grains.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>
/// One silo whose outbox retries fast and gives up after <see cref="MaxAttempts"/>, allowed to send to this machine's
/// receivers; reminders in memory. The deadline is long, so that a hanging receiver hangs for the whole of a test.
/// Lists (the webhooks among them) are kept as the bytes a blob would hold (<see cref="Lists"/>).
/// </summary>
public sealed class EscalationClusterFixture : IAsyncLifetime
{
    public const int MaxAttempts = 4;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public SerializedStorage Lists { get; } = new();

    /// <summary>The silo's serializer, to read and write <see cref="Lists"/>.</summary>
    public Serializer Serializer => Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            const string section = EscalationWebhookOptions.Section;
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"{section}:{nameof(EscalationWebhookOptions.AllowPrivateNetworks)}"] = "true",
                    [$"{section}:{nameof(EscalationWebhookOptions.MaxAttempts)}"] = $"{MaxAttempts}",
                    [$"{section}:{nameof(EscalationWebhookOptions.FirstRetry)}"] = "00:00:00.050",
                    [$"{section}:{nameof(EscalationWebhookOptions.MaxRetry)}"] = "00:00:00.200",
                    [$"{section}:{nameof(EscalationWebhookOptions.DispatchInterval)}"] = "00:00:00.050",
                    [$"{section}:{nameof(EscalationWebhookOptions.Deadline)}"] = "00:01:00",
                    [TestSecretKey.Setting] = TestSecretKey.Base64,
                })
                .Build();
            silo.AddIncidentGrains(configuration)
                .AddMemoryGrainStorage(StorageNames.Incidents)
                .UseInMemoryReminderService();
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Lists, (services, _) => Lists.Provider(services.GetRequiredService<Serializer>()));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class EscalationClusterCollection : ICollectionFixture<EscalationClusterFixture>
{
    public const string Name = "escalation-cluster";
}

using Incidents.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Hosts;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Runtime.Placement;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Incidents.Grains.Tests.Storage;

/// <summary>
/// The rebalancer moves grains between silos whatever storage is doing. A host that moves while storage is away must
/// take what it has not written with it, and write it once storage is back: an acknowledged alert is not lost.
/// </summary>
public sealed class MovingGrainTests : IAsyncLifetime
{
    private readonly SharedStore _store = new();
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"{CorrelationOptions.Section}:{nameof(CorrelationOptions.StateWriteDelay)}"] = "00:00:00.050",
                })
                .Build();
            silo.AddIncidentGrains(configuration).AddMemoryGrainStorage(StorageNames.Lists);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Incidents,
                (services, _) => new SharedStorage(_store, services.GetRequiredService<DeepCopier>()));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_host_moved_while_storage_is_away_keeps_its_alerts_and_writes_them_when_storage_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = TenantScoped.Key("t1", TestAlerts.NewHost());
        var host = _cluster.Client.GetGrain<IHostGrain>(key);
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);

        await host.Observe([TestAlerts.On(key, Severity.Low, minute: 1)]);
        await StoredAlertCount(key, 1, ct);

        _store.Away = true;
        await host.Observe([TestAlerts.On(key, Severity.Low, minute: 2), TestAlerts.On(key, Severity.Low, minute: 3)]);

        var from = await management.GetActivationAddress(host, ct);
        var to = _cluster.Silos.Select(s => s.SiloAddress).Single(s => !s.Equals(from));
        RequestContext.Set(IPlacementDirector.PlacementHintKey, to);
        await host.Cast<IGrainManagementExtension>().MigrateOnIdle(ct);
        RequestContext.Clear();
        await Until(async () => (await management.GetActivationAddress(host, ct))?.Equals(to) == true, "the host never moved", ct);

        Assert.Equal(3, (await host.GetView()).AlertCount); // moved with what it held, not read back from storage

        _store.Away = false;
        await StoredAlertCount(key, 3, ct); // written by the new activation, with no new alert to prompt it
    }

    private async Task StoredAlertCount(string key, long expected, CancellationToken ct) =>
        await Until(() => Task.FromResult(_store.Stored<HostState>(key)?.AlertCount == expected),
            $"stored alert count {_store.Stored<HostState>(key)?.AlertCount}, expected {expected}", ct);

    private static async Task Until(Func<Task<bool>> condition, string failure, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20, ct);
        }
    }

    /// <summary>Grain state both silos see, with ETags, as blob storage; <see cref="Away"/> fails every call at once, as a refused connection does.</summary>
    private sealed class SharedStore
    {
        public Lock Lock { get; } = new();

        public Dictionary<GrainId, (string ETag, object State)> Entries { get; } = [];

        public volatile bool Away;

        public T? Stored<T>(string key) where T : class
        {
            lock (Lock)
            {
                return Entries.FirstOrDefault(e => e.Key.Key.ToString() == key).Value.State as T;
            }
        }
    }

    private sealed class SharedStorage(SharedStore store, DeepCopier copier) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (store.Lock)
            {
                ThrowIfAway();
                if (store.Entries.TryGetValue(grainId, out var stored))
                {
                    grainState.State = copier.Copy((T)stored.State);
                    grainState.ETag = stored.ETag;
                    grainState.RecordExists = true;
                }
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (store.Lock)
            {
                ThrowIfAway();
                var current = store.Entries.TryGetValue(grainId, out var stored) ? stored.ETag : null;
                if (current != grainState.ETag)
                {
                    throw new InconsistentStateException("ETag mismatch", current, grainState.ETag);
                }

                grainState.ETag = Guid.NewGuid().ToString("N");
                grainState.RecordExists = true;
                store.Entries[grainId] = (grainState.ETag, copier.Copy(grainState.State)!);
            }

            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (store.Lock)
            {
                ThrowIfAway();
                store.Entries.Remove(grainId);
                grainState.ETag = null;
                grainState.RecordExists = false;
            }

            return Task.CompletedTask;
        }

        private void ThrowIfAway()
        {
            if (store.Away)
            {
                throw new IOException("Connection refused");
            }
        }
    }
}

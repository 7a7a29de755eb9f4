using Incidents.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Hosts;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Incidents.Grains.Tests.Storage;

/// <summary>
/// A state write that lands while its answer is lost (storage going away mid-request) leaves the grain with a stale
/// ETag. The grain must take the stored ETag and go on writing, not deactivate and drop what it holds.
/// </summary>
public sealed class StateWriteTakeOverTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    private AnswerLosingStorage Storage => (AnswerLosingStorage)_cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
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
                (services, _) => new AnswerLosingStorage(services.GetRequiredService<DeepCopier>()));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_followed_by_writes_over_it_with_nothing_dropped()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = TenantScoped.Key("t1", TestAlerts.NewHost());
        var host = _cluster.Client.GetGrain<IHostGrain>(key);

        await host.Observe([TestAlerts.On(key, Severity.Low, minute: 1)]);
        await StoredAlertCount(key, 1, ct);

        Storage.LoseNextAnswer = true;
        await host.Observe([TestAlerts.On(key, Severity.Low, minute: 2)]);
        await StoredAlertCount(key, 2, ct); // stored, but the grain heard a timeout and kept its old ETag

        await host.Observe([TestAlerts.On(key, Severity.Low, minute: 3)]);
        await StoredAlertCount(key, 3, ct);
        Assert.True(Storage.Conflicts > 0, "the stale ETag never met the stored one");
        Assert.Equal(3, (await host.GetView()).AlertCount);
    }

    private async Task StoredAlertCount(string key, long expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        long? stored = null;
        while (DateTime.UtcNow < deadline)
        {
            stored = Storage.Stored<HostState>(key)?.AlertCount;
            if (stored == expected)
            {
                return;
            }

            await Task.Delay(20, ct);
        }

        Assert.Fail($"stored alert count {stored?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, expected {expected}");
    }

    /// <summary>Keeps copies of state with ETags as blob storage does; can store a write and then fail it, as a lost answer does.</summary>
    private sealed class AnswerLosingStorage(DeepCopier copier) : IGrainStorage
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<GrainId, (string ETag, object State)> _stored = [];

        public bool LoseNextAnswer { get; set; }

        public int Conflicts { get; private set; }

        public T? Stored<T>(string key) where T : class
        {
            lock (_lock)
            {
                return _stored.FirstOrDefault(e => e.Key.Key.ToString() == key).Value.State as T;
            }
        }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (_lock)
            {
                if (_stored.TryGetValue(grainId, out var stored))
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
            lock (_lock)
            {
                var current = _stored.TryGetValue(grainId, out var stored) ? stored.ETag : null;
                if (current != grainState.ETag)
                {
                    Conflicts++;
                    throw new InconsistentStateException("ETag mismatch", current, grainState.ETag);
                }

                var etag = Guid.NewGuid().ToString("N");
                _stored[grainId] = (etag, copier.Copy(grainState.State)!);
                if (LoseNextAnswer)
                {
                    LoseNextAnswer = false;
                    throw new TimeoutException("the write landed; its answer did not");
                }

                grainState.ETag = etag;
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (_lock)
            {
                _stored.Remove(grainId);
                grainState.ETag = null;
                grainState.RecordExists = false;
            }

            return Task.CompletedTask;
        }
    }
}

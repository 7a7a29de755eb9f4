using Incidents.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Incidents.Grains.Tests.Storage;

/// <summary>
/// Grain state in memory with ETags, as blob storage keeps it, shared by every silo of a test's cluster, and made to
/// misbehave on demand: a write that lands while its answer is lost (<see cref="LoseNextAnswer"/>), or storage gone
/// altogether, every call failing at once as a refused connection does (<see cref="Away"/>).
/// </summary>
internal sealed class EtagStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, (string ETag, object State)> _stored = [];
    private volatile bool _loseNextAnswer;
    private volatile bool _away;

    public bool LoseNextAnswer { get => _loseNextAnswer; set => _loseNextAnswer = value; }

    public bool Away { get => _away; set => _away = value; }

    /// <summary>Writes refused for a stale ETag.</summary>
    public int Conflicts { get; private set; }

    public T? Stored<T>(string key) where T : class
    {
        lock (_lock)
        {
            return _stored.FirstOrDefault(e => e.Key.Key.ToString() == key).Value.State as T;
        }
    }

    /// <summary>Waits until the stored host holds <paramref name="expected"/> alerts.</summary>
    public Task StoredAlertCount(string key, long expected) => Correlation.Scenario.Eventually(
        () => Task.FromResult(Stored<Hosts.HostState>(key)?.AlertCount),
        stored => stored == expected,
        $"the stored host {key} holds {expected} alerts");

    /// <summary>A cluster of <paramref name="silos"/> whose incident storage is this one, writing state 50 ms after a change.</summary>
    public async Task<InProcessTestCluster> StartClusterAsync(short silos)
    {
        var builder = new InProcessTestClusterBuilder(silos);
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
                (services, _) => new Provider(this, services.GetRequiredService<DeepCopier>()));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class Provider(EtagStorage store, DeepCopier copier) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (store._lock)
            {
                ThrowIfAway();
                if (store._stored.TryGetValue(grainId, out var stored))
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
            lock (store._lock)
            {
                ThrowIfAway();
                var current = store._stored.TryGetValue(grainId, out var stored) ? stored.ETag : null;
                if (current != grainState.ETag)
                {
                    store.Conflicts++;
                    throw new InconsistentStateException("ETag mismatch", current, grainState.ETag);
                }

                var etag = Guid.NewGuid().ToString("N");
                store._stored[grainId] = (etag, copier.Copy(grainState.State)!);
                if (store.LoseNextAnswer)
                {
                    store.LoseNextAnswer = false;
                    throw new TimeoutException("the write landed; its answer did not");
                }

                grainState.ETag = etag;
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (store._lock)
            {
                ThrowIfAway();
                store._stored.Remove(grainId);
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

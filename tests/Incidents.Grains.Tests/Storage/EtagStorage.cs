using Incidents.Grains.Storage;
using Incidents.Grains.Storage.Directory;
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
    private readonly Dictionary<string, int> _reads = [];
    private readonly Dictionary<string, int> _writes = [];
    private int _atOnce;
    private int _mostAtOnce;
    private volatile bool _loseNextAnswer;
    private volatile bool _away;

    public bool LoseNextAnswer { get => _loseNextAnswer; set => _loseNextAnswer = value; }

    public bool Away { get => _away; set => _away = value; }

    /// <summary>How long a write takes to be answered, as a round trip to storage does (none by default).</summary>
    public TimeSpan WriteLatency { get; set; }

    /// <summary>The most entity writes (not the directory's) that were under way at once.</summary>
    public int MostWritesAtOnce => _mostAtOnce;

    /// <summary>Reads of a grain's state, by grain key.</summary>
    public int Reads(string key)
    {
        lock (_lock)
        {
            return _reads.GetValueOrDefault(key);
        }
    }

    /// <summary>Writes under a state name (all grains).</summary>
    public int Writes(string stateName)
    {
        lock (_lock)
        {
            return _writes.GetValueOrDefault(stateName);
        }
    }

    /// <summary>Drops the stored state of every grain of a type, as if an earlier version had never written it.</summary>
    public void Forget(string grainType)
    {
        lock (_lock)
        {
            foreach (var id in _stored.Keys.Where(id => id.Type.ToString() == grainType).ToList())
            {
                _stored.Remove(id);
            }
        }
    }

    /// <summary>Lists what is stored, as the silo's blob listing does.</summary>
    public IStoredStateScan Scan => new Lister(this);

    /// <summary>Writes refused for a stale ETag.</summary>
    public int Conflicts { get; private set; }

    public T? Stored<T>(string key) where T : class
    {
        lock (_lock)
        {
            // Of that type: an incident's enrichment grain has the incident's key.
            return _stored.Where(e => e.Key.Key.ToString() == key).Select(e => e.Value.State).OfType<T>().FirstOrDefault();
        }
    }

    /// <summary>Waits until the stored host holds <paramref name="expected"/> alerts.</summary>
    public Task StoredAlertCount(string key, long expected) => Correlation.Scenario.Eventually(
        () => Task.FromResult(Stored<Hosts.HostState>(key)?.AlertCount),
        stored => stored == expected,
        $"the stored host {key} holds {expected} alerts");

    /// <summary>A cluster of <paramref name="silos"/> whose incident storage is this one, writing state 50 ms after a change (<paramref name="writeDelay"/>).</summary>
    public async Task<InProcessTestCluster> StartClusterAsync(short silos, bool scanStored = false, int writesAtOnce = 32, string writeDelay = "00:00:00.050")
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"{CorrelationOptions.Section}:{nameof(CorrelationOptions.StateWriteDelay)}"] = writeDelay,
                    [$"{CorrelationOptions.Section}:{nameof(CorrelationOptions.StateWritesAtOnce)}"] = writesAtOnce.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [TestSecretKey.Setting] = TestSecretKey.Base64,
                })
                .Build();
            silo.AddIncidentGrains(configuration).AddMemoryGrainStorage(StorageNames.Lists).UseInMemoryReminderService();
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Incidents,
                (services, _) => new Provider(this, services.GetRequiredService<DeepCopier>()));
            if (scanStored)
            {
                silo.Services.AddSingleton(Scan);
            }
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
                var key = grainId.Key.ToString()!;
                store._reads[key] = store._reads.GetValueOrDefault(key) + 1;
                if (store._stored.TryGetValue(grainId, out var stored))
                {
                    grainState.State = copier.Copy((T)stored.State);
                    grainState.ETag = stored.ETag;
                    grainState.RecordExists = true;
                }
            }

            return Task.CompletedTask;
        }

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var counted = stateName != "directory";
            if (counted)
            {
                InterlockedMax(ref store._mostAtOnce, Interlocked.Increment(ref store._atOnce));
            }

            try
            {
                if (store.WriteLatency > TimeSpan.Zero)
                {
                    await Task.Delay(store.WriteLatency);
                }
            }
            finally
            {
                if (counted)
                {
                    Interlocked.Decrement(ref store._atOnce);
                }
            }

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
                store._writes[stateName] = store._writes.GetValueOrDefault(stateName) + 1;
                store._stored[grainId] = (etag, copier.Copy(grainState.State)!);
                if (store.LoseNextAnswer)
                {
                    store.LoseNextAnswer = false;
                    throw new TimeoutException("the write landed; its answer did not");
                }

                grainState.ETag = etag;
                grainState.RecordExists = true;
            }
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

        private static void InterlockedMax(ref int most, int value)
        {
            for (var seen = Volatile.Read(ref most); value > seen; seen = Volatile.Read(ref most))
            {
                if (Interlocked.CompareExchange(ref most, value, seen) == seen)
                {
                    return;
                }
            }
        }

        private void ThrowIfAway()
        {
            if (store.Away)
            {
                throw new IOException("Connection refused");
            }
        }
    }

    private sealed class Lister(EtagStorage store) : IStoredStateScan
    {
        public async IAsyncEnumerable<string> StoredGrains(string stateName, string grainType, string tenant,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            string[] ids;
            lock (store._lock)
            {
                ids = [.. store._stored.Keys.Select(id => id.ToString()).Where(id => id.StartsWith($"{grainType}/{tenant}/", StringComparison.Ordinal))];
            }

            foreach (var id in ids)
            {
                await Task.Yield();
                yield return id;
            }
        }
    }
}

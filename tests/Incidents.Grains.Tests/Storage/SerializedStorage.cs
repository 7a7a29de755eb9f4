using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Incidents.Grains.Tests.Storage;

/// <summary>
/// Grain state kept as the bytes the silo writes to a blob (Orleans' binary format, StoreStateInBinary), by state name
/// and grain key: what a reader of storage would see. A test may also put state there, as an earlier version wrote it.
/// </summary>
public sealed class SerializedStorage
{
    private readonly ConcurrentDictionary<(string StateName, string Key), (string ETag, byte[] Bytes)> _stored = new();

    /// <summary>The stored bytes of a grain's state, if any.</summary>
    public byte[]? Bytes(string stateName, string key) => _stored.TryGetValue((stateName, key), out var stored) ? stored.Bytes : null;

    public T? Stored<T>(Serializer serializer, string stateName, string key) where T : class =>
        Bytes(stateName, key) is { } bytes ? serializer.Deserialize<T>(bytes) : null;

    public void Put<T>(Serializer serializer, string stateName, string key, T state) =>
        _stored[(stateName, key)] = (Guid.NewGuid().ToString("N"), serializer.SerializeToArray(state));

    public IGrainStorage Provider(Serializer serializer) => new GrainStorage(this, serializer);

    private sealed class GrainStorage(SerializedStorage store, Serializer serializer) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (store._stored.TryGetValue((stateName, grainId.Key.ToString()!), out var stored))
            {
                grainState.State = serializer.Deserialize<T>(stored.Bytes);
                grainState.ETag = stored.ETag;
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var etag = Guid.NewGuid().ToString("N");
            store._stored[(stateName, grainId.Key.ToString()!)] = (etag, serializer.SerializeToArray(grainState.State));
            grainState.ETag = etag;
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            store._stored.TryRemove((stateName, grainId.Key.ToString()!), out _);
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }
    }
}

using System.Collections.Concurrent;
using Incidents.Contracts.Access;

namespace Incidents.Api.Security;

/// <summary>
/// The ids of issued keys this instance has seen: a key in the issued format whose id is not among them is checked
/// with the registry (in memory there) before its own grain is asked, so that made-up ids activate nothing and read
/// no storage. Bounded by the registry's own limit; nothing is kept for an id that does not exist.
/// </summary>
public sealed class KnownKeyIds(IClusterClient cluster)
{
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    public bool IsKnown(string id) => _known.ContainsKey(id);

    public async Task<bool> Exists(string id)
    {
        if (_known.ContainsKey(id))
        {
            return true;
        }

        if (!await cluster.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Installation).HasKey(id))
        {
            return false;
        }

        if (_known.Count >= ITenantRegistryGrain.MaxKeys)
        {
            _known.Clear(); // keys the registry pushed out: they are asked for again, once each
        }

        _known.TryAdd(id, 0);
        return true;
    }
}

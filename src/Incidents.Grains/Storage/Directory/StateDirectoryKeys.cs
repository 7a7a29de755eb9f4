using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Incidents.Contracts.Tenants;

namespace Incidents.Grains.Storage.Directory;

/// <summary>Where a grain's entry is kept: its hash, and the shard of its tenant's directory that holds it.</summary>
public static class StateDirectoryKeys
{
    /// <summary>Shards per tenant and kind: 1,000,000 hosts make 62,500 entries (500 KB) a shard.</summary>
    public const int Shards = 16;

    /// <summary>
    /// 64 bits of SHA-256 of the grain id as storage names it (<c>{type}/{key}</c>): stable across processes and
    /// versions, and a collision costs only a read.
    /// </summary>
    public static long Hash(string grainId)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(grainId), digest);
        return BinaryPrimitives.ReadInt64BigEndian(digest);
    }

    public static int Shard(long hash) => (int)((ulong)hash >> 60);

    /// <summary>The directory shard's key: the tenant's, per state name and grain type, so that a scan can list it.</summary>
    public static string DirectoryKey(string tenant, string stateName, string grainType, int shard) =>
        TenantScoped.Key(tenant, $"{stateName}.{grainType}.{shard:x}");

    /// <summary>The tenant, state name, grain type and shard of a directory key made by <see cref="DirectoryKey"/>.</summary>
    public static (string Tenant, string StateName, string GrainType, int Shard) Parse(string directoryKey)
    {
        var (tenant, name) = TenantScoped.Split(directoryKey);
        var parts = name.Split('.');
        return (tenant, parts[0], parts[1], Convert.ToInt32(parts[2], 16));
    }
}

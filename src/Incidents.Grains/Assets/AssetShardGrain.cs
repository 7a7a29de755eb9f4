using Incidents.Contracts.Assets;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Assets;

/// <summary>One shard of a tenant's inventory (<see cref="IAssetShardGrain"/>): an import is one write here, none when nothing changed.</summary>
public sealed class AssetShardGrain(
    [PersistentState("assets", StorageNames.Lists)] IPersistentState<AssetShardState> state) : Grain, IAssetShardGrain
{
    public async Task<int?> Put(Asset[] assets)
    {
        var held = state.State.Assets;
        var fresh = assets.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count(n => !held.ContainsKey(n));
        if (held.Count + fresh > AssetBook.ShardCapacity)
        {
            return null;
        }

        var changed = 0;
        foreach (var asset in assets)
        {
            if (!held.TryGetValue(asset.Name, out var before) || !before.SameAs(asset))
            {
                held[asset.Name] = asset;
                changed++;
            }
        }

        if (changed > 0)
        {
            await SoleWriter.WriteAsync(state);
        }

        return changed;
    }

    public Task<Asset?> Find(string name) => Task.FromResult(state.State.Assets.GetValueOrDefault(name));

    public Task<Asset[]> FindMany(string[] names) =>
        Task.FromResult(names.Select(n => state.State.Assets.GetValueOrDefault(n)).OfType<Asset>().ToArray());
}

[GenerateSerializer, Alias("Incidents.AssetShardState")]
public sealed class AssetShardState
{
    [Id(0)] public Dictionary<string, Asset> Assets { get; set; } = new(StringComparer.Ordinal);
}

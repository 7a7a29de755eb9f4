using System.Collections.Concurrent;
using Incidents.Contracts.Assets;
using Incidents.Grains.Triage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Assets;

/// <summary>
/// Each silo's way for hosts to know their own inventory record when triaging: kept for
/// <see cref="TriageOptions.AssetRefresh"/> and answered at once after that while the next is fetched; only a host's
/// first alert on a silo waits, at most <see cref="CallTimeout"/>, and without an answer it is triaged without it.
/// </summary>
public sealed partial class AssetLookup(IGrainFactory grains, TimeProvider time, IOptions<TriageOptions> options, ILogger<AssetLookup> logger)
{
    public const int AnswersKept = 200_000;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<(string Tenant, string Host), (Asset? Asset, DateTimeOffset At)> _answers = new();

    public ValueTask<Asset?> For(string tenant, string host)
    {
        if (_answers.TryGetValue((tenant, host), out var held))
        {
            if (time.GetUtcNow() - held.At >= options.Value.AssetRefresh)
            {
                _answers[(tenant, host)] = held with { At = time.GetUtcNow() }; // one refresh at a time
                _ = Fetch(tenant, host);
            }

            return ValueTask.FromResult(held.Asset);
        }

        return new ValueTask<Asset?>(Fetch(tenant, host));
    }

    private async Task<Asset?> Fetch(string tenant, string host)
    {
        try
        {
            var asset = await grains.GetGrain<IAssetShardGrain>(AssetBook.ShardKey(tenant, AssetBook.Shard(host))).Find(host).WaitAsync(CallTimeout, time);
            if (_answers.Count > AnswersKept)
            {
                _answers.Clear();
            }

            _answers[(tenant, host)] = (asset, time.GetUtcNow());
            return asset;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogFailed(logger, tenant, e.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inventory of tenant {Tenant} did not answer ({Error}): alerts triaged without their host's value")]
    private static partial void LogFailed(ILogger logger, string tenant, string error);
}

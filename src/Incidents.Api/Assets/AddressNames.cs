using System.Collections.Concurrent;
using System.Net;
using Incidents.Contracts.Assets;
using Incidents.Contracts.Context;
using Incidents.Contracts.Ingest;

namespace Incidents.Api.Assets;

/// <summary>
/// One host, one identity: before a batch is journaled, every host it names by an address the inventory knows is
/// named as the inventory names it (so that a replay lands where the first delivery did). Answers are kept for
/// <see cref="Kept"/> per instance (an import on this instance forgets them at once); when the address map does not
/// answer within <see cref="CallTimeout"/>, the batch goes on as it came, and the host keyed by the address hands
/// over to its name later (<c>IHostGrain.Named</c>).
/// </summary>
public sealed partial class AddressNames(IGrainFactory grains, TimeProvider time, ILogger<AddressNames> logger)
{
    public static readonly TimeSpan Kept = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);
    private const int AnswersKept = 200_000;

    private readonly ConcurrentDictionary<(string Tenant, string Address), (string? Name, DateTimeOffset At)> _answers = new();

    public async Task<IngestBatch> Resolve(IngestBatch batch, CancellationToken cancellationToken)
    {
        var addresses = batch.Alerts.SelectMany(a => a.Hosts).Concat(batch.Events.SelectMany(e => e.Hosts))
            .Where(IsAddress).Distinct(StringComparer.Ordinal).ToArray();
        if (addresses.Length == 0)
        {
            return batch;
        }

        var now = time.GetUtcNow();
        var missing = addresses.Where(a => !_answers.TryGetValue((batch.Tenant, a), out var held) || now - held.At >= Kept).ToArray();
        if (missing.Length > 0 && !await Ask(batch.Tenant, missing, now, cancellationToken))
        {
            return batch;
        }

        var names = addresses.Select(a => (Address: a, _answers.GetValueOrDefault((batch.Tenant, a)).Name))
            .Where(n => n.Name is not null).ToDictionary(n => n.Address, n => n.Name!, StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return batch;
        }

        return batch with
        {
            Alerts = [.. batch.Alerts.Select(a => a.Hosts.Any(names.ContainsKey) ? a with { Hosts = Named(a.Hosts, names) } : a)],
            Events = [.. batch.Events.Select(e => e.Hosts.Any(names.ContainsKey) ? e with { Hosts = Named(e.Hosts, names) } : e)],
        };
    }

    /// <summary>An import here: what this instance kept may be out of date.</summary>
    public void Forget() => _answers.Clear();

    private async Task<bool> Ask(string tenant, string[] addresses, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var answers = await Task.WhenAll(addresses.GroupBy(AssetBook.AddressShard).Select(async shard =>
            {
                string[] asked = [.. shard];
                return (Asked: asked, Names: await grains.GetGrain<IAssetAddressShardGrain>(AssetBook.AddressShardKey(tenant, shard.Key)).Names(asked));
            })).WaitAsync(CallTimeout, time, cancellationToken);
            if (_answers.Count > AnswersKept)
            {
                _answers.Clear();
            }

            foreach (var (asked, names) in answers)
            {
                for (var i = 0; i < asked.Length; i++)
                {
                    _answers[(tenant, asked[i])] = (names[i], now);
                }
            }

            return true;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogNotResolved(logger, tenant, e.GetType().Name);
            return false;
        }
    }

    /// <summary>The hosts with addresses named, in order, each once (an alert may name a host and its address both).</summary>
    private static IReadOnlyList<string> Named(IReadOnlyList<string> hosts, Dictionary<string, string> names) =>
        [.. hosts.Select(h => names.GetValueOrDefault(h) ?? h).Distinct(StringComparer.Ordinal)];

    private static bool IsAddress(string host) => IPAddress.TryParse(host, out _);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The address map of tenant {Tenant} did not answer ({Error}): a batch goes on with its addresses as host keys")]
    private static partial void LogNotResolved(ILogger logger, string tenant, string error);
}

using System.Collections.Concurrent;
using Incidents.Contracts.Triage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Triage;

/// <summary>
/// Each silo's copy of its tenants' suppressions, fetched again when older than
/// <see cref="TriageOptions.SuppressionRefresh"/>: hosts read it, so no alert waits on the tenant's suppressions grain,
/// and a change takes effect within that time. When the grain cannot answer in time, the last copy holds (an empty
/// one before the first): an outage of storage lets suppressed alerts through rather than stopping ingest.
/// </summary>
public sealed partial class SuppressionCache(IGrainFactory grains, TimeProvider time, IOptions<TriageOptions> options, ILogger<SuppressionCache> logger)
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Copy> _copies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Copy>>> _fetching = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<Suppression>> For(string tenant)
    {
        var now = time.GetUtcNow();
        if (_copies.TryGetValue(tenant, out var copy) && now - copy.FetchedAt < options.Value.SuppressionRefresh)
        {
            return copy.Suppressions;
        }

        var fetch = _fetching.GetOrAdd(tenant, t => new Lazy<Task<Copy>>(() => Fetch(t)));
        try
        {
            return (await fetch.Value.WaitAsync(FetchTimeout, time)).Suppressions;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFetchFailed(logger, tenant, e.GetType().Name);
            return copy?.Suppressions ?? [];
        }
    }

    private async Task<Copy> Fetch(string tenant)
    {
        try
        {
            var set = await grains.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(tenant)).List();
            var copy = new Copy(set.Suppressions, time.GetUtcNow());
            _copies[tenant] = copy;
            return copy;
        }
        finally
        {
            _fetching.TryRemove(tenant, out _);
        }
    }

    private sealed record Copy(IReadOnlyList<Suppression> Suppressions, DateTimeOffset FetchedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suppressions of tenant {Tenant} not fetched ({Error}): the last copy holds")]
    private static partial void LogFetchFailed(ILogger logger, string tenant, string error);
}

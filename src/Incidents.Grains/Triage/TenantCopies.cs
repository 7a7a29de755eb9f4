using System.Collections.Concurrent;

namespace Incidents.Grains.Triage;

/// <summary>
/// A silo's copy of something each tenant keeps in grains, fetched again when older than <c>maxAge</c>, one fetch per
/// tenant at a time, so that alerts read it without waiting on those grains: a stale copy is answered at once while the
/// next one is fetched behind it, and only a silo's first read for a tenant waits, at most <see cref="FetchTimeout"/>
/// (a silo joining under load must not hold alerts up). When a fetch fails, the last copy holds (<c>empty</c> before
/// the first): an outage of storage must not stop ingest.
/// </summary>
public sealed class TenantCopies<T>(Func<string, T?, Task<T>> fetch, T empty, TimeProvider time, Func<TimeSpan> maxAge, Action<string, Exception> failed)
    where T : class
{
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Copy> _copies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Copy>>> _fetching = new(StringComparer.Ordinal);

    public async ValueTask<T> For(string tenant)
    {
        var found = _copies.TryGetValue(tenant, out var copy);
        if (found && time.GetUtcNow() - copy!.FetchedAt < maxAge())
        {
            return copy.Value;
        }

        var fetching = _fetching.GetOrAdd(tenant, t => new Lazy<Task<Copy>>(() => Fetch(t, copy?.Value)));
        if (found)
        {
            _ = Observe(tenant, fetching.Value); // stale: answered now, fresh for the next alert
            return copy!.Value;
        }

        try
        {
            return (await fetching.Value.WaitAsync(FetchTimeout, time)).Value;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failed(tenant, e);
            return empty;
        }
    }

    private async Task Observe(string tenant, Task<Copy> fetching)
    {
        try
        {
            await fetching;
        }
        catch (Exception e)
        {
            failed(tenant, e);
        }
    }

    private async Task<Copy> Fetch(string tenant, T? previous)
    {
        try
        {
            var copy = new Copy(await fetch(tenant, previous), time.GetUtcNow());
            _copies[tenant] = copy;
            return copy;
        }
        finally
        {
            _fetching.TryRemove(tenant, out _);
        }
    }

    private sealed record Copy(T Value, DateTimeOffset FetchedAt);
}

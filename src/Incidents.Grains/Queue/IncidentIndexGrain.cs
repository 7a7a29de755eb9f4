using Incidents.Contracts.Incidents;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Queue;

/// <summary>
/// One shard of a tenant's queue (<see cref="IIncidentIndexGrain"/>): incidents push their summary after each change;
/// a query is a scan of memory. Written behind like the incidents' own state (a replay of the journal tells it again
/// what a lost silo held), and at once for an analyst's action, which nothing replays. Calls no grain.
/// </summary>
public sealed class IncidentIndexGrain(
    [PersistentState("queue", StorageNames.Lists)] IPersistentState<IncidentIndexState> state,
    IOptions<CorrelationOptions> options,
    TimeProvider time) : WriteBehindGrain<IncidentIndexState>(state, options.Value.StateWriteDelay), IIncidentIndexGrain
{
    private const int ChangesKept = 1_000;
    private QueueShard _queue = null!;
    private ChangeWindow _changes = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _queue = new QueueShard(State, options.Value);
        _changes = new ChangeWindow(ChangesKept, Guid.NewGuid().ToString("N")[..8]);
        if (_queue.Expire(time.GetUtcNow()) > 0)
        {
            await StateChanged();
        }
    }

    public Task Update(IncidentSummary summary, bool durable)
    {
        if (!_queue.Put(summary, time.GetUtcNow(), out var kind))
        {
            return durable ? WriteNow() : Task.CompletedTask;
        }

        _changes.Add(kind, summary);
        return durable ? WriteNow() : StateChanged();
    }

    public async Task<FeedSlice> Changes(string? epoch, long after, TimeSpan wait)
    {
        var slice = _changes.After(epoch, after);
        if (slice.Changes.Count > 0 || slice.Reset || wait <= TimeSpan.Zero)
        {
            return slice;
        }

        try
        {
            await _changes.Next.WaitAsync(Min(wait, MaxWait), time);
        }
        catch (TimeoutException)
        {
            return slice; // nothing new: the reader asks again
        }

        return _changes.After(slice.Epoch, epoch is null ? slice.Last : after);
    }

    // Shorter than the API's grain call timeout, so that a quiet long poll is answered, not given up on.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public Task<QueuePage> Query(IncidentQuery query) => Task.FromResult(_queue.Query(query));
}

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
    private QueueShard _queue = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _queue = new QueueShard(State, options.Value);
        if (_queue.Expire(time.GetUtcNow()) > 0)
        {
            await StateChanged();
        }
    }

    public Task Update(IncidentSummary summary, bool durable)
    {
        if (!_queue.Put(summary, time.GetUtcNow()))
        {
            return durable ? WriteNow() : Task.CompletedTask;
        }

        return durable ? WriteNow() : StateChanged();
    }

    public Task<QueuePage> Query(IncidentQuery query) => Task.FromResult(_queue.Query(query));
}

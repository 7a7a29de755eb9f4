using Incidents.Contracts.Incidents;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Queue;

/// <summary>
/// One shard of a tenant's queue (<see cref="IIncidentIndexGrain"/>): incidents push their summary after each change;
/// a query is a scan of memory. Written behind like the incidents' own state (a replay of the ingest journal tells it
/// again what a lost silo held). An analyst's action, which nothing replays, is stored before its answer in the
/// shard's action journal: a small state of its own with the summaries actions changed since the shard was last
/// written, applied over the shard's state on activation. Calls no grain.
/// </summary>
public sealed class IncidentIndexGrain(
    [PersistentState("queue", StorageNames.Lists)] IPersistentState<IncidentIndexState> state,
    [PersistentState("queue-actions", StorageNames.Lists)] IPersistentState<IncidentIndexJournal> journal,
    IOptions<CorrelationOptions> options,
    TimeProvider time) : WriteBehindGrain<IncidentIndexState>(state, options.Value.StateWriteDelay), IIncidentIndexGrain
{
    private const int ChangesKept = 1_000;
    private QueueShard _queue = null!;
    private ChangeWindow _changes = null!;
    private long _sequence;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _queue = new QueueShard(State, options.Value);
        _changes = new ChangeWindow(ChangesKept, Guid.NewGuid().ToString("N")[..8]);
        var changed = _queue.Expire(time.GetUtcNow()) > 0;
        _sequence = State.JournalThrough;
        foreach (var entry in journal.State.Entries.Values)
        {
            _sequence = Math.Max(_sequence, entry.Sequence);
            changed |= entry.Sequence > State.JournalThrough && _queue.Put(entry.Summary, time.GetUtcNow());
        }

        State.JournalThrough = _sequence;
        if (changed)
        {
            await StateChanged();
        }
    }

    public async Task Update(IncidentSummary summary, bool durable)
    {
        var changed = _queue.Put(summary, time.GetUtcNow(), out var kind);
        if (changed)
        {
            _changes.Add(kind, summary);
        }

        if (durable)
        {
            // In the state too, with the journal's mark: whichever write holds the summary holds its mark.
            State.JournalThrough = ++_sequence;
            journal.State.Entries[summary.Id] = new JournalEntry(_sequence, State.Incidents.GetValueOrDefault(summary.Id) ?? summary);
            await SoleWriter.WriteAsync(journal);
        }

        if (changed || durable)
        {
            await StateChanged();
        }
    }

    protected override long WriteMark() => State.JournalThrough;

    /// <summary>Entries the stored state now holds leave the journal (in memory; its next write drops them).</summary>
    protected override void StateWritten(long mark)
    {
        foreach (var (id, entry) in journal.State.Entries.Where(e => e.Value.Sequence <= mark).ToList())
        {
            journal.State.Entries.Remove(id);
        }
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

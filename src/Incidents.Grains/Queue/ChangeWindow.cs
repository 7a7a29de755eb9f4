using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Queue;

/// <summary>
/// A shard's newest changes, numbered, for the live feed: a bounded window in memory, so that a reader who reconnects
/// soon after (another API instance, <c>Last-Event-ID</c>) gets what it missed. The window belongs to one activation
/// (its <see cref="Epoch"/>): a reader from before the shard restarted, or from before the window, is told to reset.
/// </summary>
public sealed class ChangeWindow(int capacity, string epoch)
{
    private readonly Queue<IncidentChange> _changes = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last;

    public string Epoch => epoch;

    /// <summary>Completes when the next change is added.</summary>
    public Task Next => _next.Task;

    public void Add(string kind, IncidentSummary summary)
    {
        _changes.Enqueue(new IncidentChange(++_last, kind, summary));
        if (_changes.Count > capacity)
        {
            _changes.Dequeue();
        }

        var next = _next;
        _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        next.SetResult();
    }

    /// <summary>The changes after <paramref name="after"/>; from now when <paramref name="readerEpoch"/> is null.</summary>
    public FeedSlice After(string? readerEpoch, long after)
    {
        if (readerEpoch is null)
        {
            return new(epoch, [], Reset: false, _last);
        }

        var oldest = _changes.Count == 0 ? _last + 1 : _changes.Peek().Seq;
        if (readerEpoch != epoch || after > _last || after < oldest - 1)
        {
            return new(epoch, [], Reset: true, _last);
        }

        return new(epoch, [.. _changes.Where(c => c.Seq > after)], Reset: false, _last);
    }
}

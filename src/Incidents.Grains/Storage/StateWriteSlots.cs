using Microsoft.Extensions.Options;

namespace Incidents.Grains.Storage;

/// <summary>
/// How many written-behind states a silo sends storage at once (<see cref="CorrelationOptions.StateWritesAtOnce"/>).
/// A burst of new hosts makes thousands of grains due to write in the same second; sent together, they queue inside
/// storage, where an analyst's action, a directory entry or a journal batch then waits behind all of them, past its
/// deadline. Held here, the queue is the silo's, and what must not wait goes past it.
/// </summary>
/// <remarks>
/// A write is behind when <see cref="DeferredStateWrite{TState}"/>'s timer sends it with a <see cref="WriteTurn"/>
/// (<see cref="Current"/>, which flows with the write into the storage provider); the provider of entity state waits
/// for a turn after the grain's directory entry is made, so that a burst's entries gather into a few directory writes.
/// A grain that must write now (an analyst's action, deactivation) promotes its queued write past the queue.
/// </remarks>
public sealed class StateWriteSlots(IOptions<CorrelationOptions> options) : IDisposable
{
    private static readonly AsyncLocal<WriteTurn?> s_current = new();
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.StateWritesAtOnce));

    /// <summary>The turn of the behind-write this flow sends; none for a write an answer waits on.</summary>
    public static WriteTurn? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>Waits for a turn for a behind-write, until it is promoted; nothing to wait for otherwise.</summary>
    public async Task<IDisposable?> TurnFor()
    {
        if (Current is not { Promoted: false } turn)
        {
            return null;
        }

        try
        {
            await _slots.WaitAsync(turn.Token);
        }
        catch (OperationCanceledException)
        {
            return null; // promoted while queued: it goes now, without a turn
        }

        return new Held(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Held(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>A behind-write's place in the silo's queue of writes; promoted when something must wait on the write.</summary>
public sealed class WriteTurn : IDisposable
{
    private readonly CancellationTokenSource _promoted = new();

    public CancellationToken Token => _promoted.Token;

    public bool Promoted => _promoted.IsCancellationRequested;

    public void Promote() => _promoted.Cancel();

    public void Dispose() => _promoted.Dispose();
}

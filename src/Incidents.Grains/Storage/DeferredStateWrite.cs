using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Incidents.Grains.Storage;

/// <summary>
/// Writes a grain's state once per delay however many calls changed it, and at deactivation,
/// so that storage writes scale with grains, not with alerts.
/// </summary>
/// <remarks>
/// The write runs on an interleaving timer: while storage is slow, the grain goes on taking calls instead of queueing
/// them behind the write (what it changes meanwhile is written next). One write at a time, so that ETags never race.
/// <para>
/// A write can land while its answer is lost (storage going away mid-request, a retry after a timeout): the stored
/// ETag is then newer than this activation's, and every later write would fail until the grain deactivated and lost
/// what it held. This activation is the grain's one writer and holds all it stored and more, so it takes the stored
/// ETag and writes over it — in a turn of its own, so that no call sees the state object swapped underneath it.
/// </para>
/// <para>
/// A grain moving to another silo (the rebalancer) takes its state with it, and with it whether a write is pending, so
/// that the new activation writes it. Orleans abandons a move whose <c>OnDeactivateAsync</c> throws or outlasts the
/// deactivation timeout, and the activation is then gone with what it held: so a move waits on storage only briefly.
/// </para>
/// <para>
/// The grain creates it with its fields (it must exist when a moved activation is rehydrated, before activation),
/// <see cref="Attach"/>es it on activation and passes <see cref="IGrainMigrationParticipant"/> calls to it.
/// </para>
/// </remarks>
internal sealed class DeferredStateWrite<TState>(IPersistentState<TState> state, TimeSpan delay) : IGrainMigrationParticipant
{
    private const string PendingKey = "incidents.state-write-pending";

    /// <summary>
    /// A write is due somewhere in the last quarter of the delay, never after it (the journal's retention counts on
    /// that): the thousands of hosts a burst of alerts changed in the same second would otherwise write in the same
    /// second, every delay, and each such burst was the slowest answers of a steady load (README, Performance).
    /// </summary>
    private const double Spread = 0.25;
    private static readonly TimeSpan MovingWriteBudget = TimeSpan.FromSeconds(2);
    private IGrainBase? _grain;
    private ILogger? _logger;
    private Func<long>? _mark;
    private Action<long>? _written;
    private IGrainTimer? _timer;
    private IGrainTimer? _takeOver;
    private Task? _writing;
    private WriteTurn? _turn;
    private bool _dirty;
    private bool _armed;
    private bool _closed;

    /// <summary>The activation has started: a write still pending when it moved here is armed.</summary>
    public void Attach(IGrainBase grain, ILogger logger, Func<long>? mark = null, Action<long>? written = null)
    {
        _grain = grain;
        _logger = logger;
        _mark = mark;
        _written = written;
        if (_dirty)
        {
            Arm();
        }
    }

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (_dirty || _writing is not null)
        {
            dehydrationContext.TryAddValue(PendingKey, true);
        }
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext) =>
        _dirty = rehydrationContext.TryGetValue(PendingKey, out bool pending) && pending;

    public Task Changed()
    {
        if (delay <= TimeSpan.Zero)
        {
            return WriteOverStale(); // inside the calling grain turn: nothing interleaves
        }

        _dirty = true;
        Arm();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes the state now, with whatever else is pending, and returns once it is stored: for changes that must not
    /// wait behind (an analyst's action is answered only when durable). Throws when storage does not take it; the
    /// change stays pending and is written with the next.
    /// </summary>
    public Task WriteNow()
    {
        _turn?.Promote(); // a behind-write queued for its turn goes now: this one waits on it
        _dirty = true;
        return Flush(exclusive: true);
    }

    /// <summary>
    /// Writes what is pending before the grain deactivates. While storage is away it tries again until
    /// <paramref name="cancellationToken"/> (the deactivation timeout) gives up: an activation that goes without writing
    /// loses what it holds, and only a silo's death makes the journal replay it. A grain moving to another silo tries
    /// once, briefly: what it could not write moves with it.
    /// </summary>
    public async Task FlushAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _closed = true; // Orleans has disposed the grain's timers: none may be made again
        _turn?.Promote();
        if (reason.ReasonCode == DeactivationReasonCode.Migrating)
        {
            try
            {
                await Flush(exclusive: true).WaitAsync(MovingWriteBudget, cancellationToken);
            }
            catch (Exception)
            {
                // Pending still (OnDehydrate): the new activation writes it.
            }

            return;
        }

        while (true)
        {
            try
            {
                await Flush(exclusive: true);
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private async Task Flush(bool exclusive)
    {
        _armed = false;
        while (_writing is { } running)
        {
            try
            {
                await running;
            }
            catch (Exception)
            {
                // That write's changes are still marked dirty: this flush writes them.
            }
        }

        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        var mark = _mark?.Invoke() ?? 0;
        var write = exclusive ? WriteOverStale() : state.WriteStateAsync();
        _writing = write;
        try
        {
            await write;
            _written?.Invoke(mark);
        }
        catch (InconsistentStateException) when (!exclusive)
        {
            _dirty = true;
            TakeOverSoon();
        }
        catch
        {
            // Keep the change pending so that the next flush (or deactivation) tries again.
            _dirty = true;
            throw;
        }
        finally
        {
            _writing = null;
            if (_dirty && _takeOver is null)
            {
                Arm();
            }
        }
    }

    private Task WriteOverStale() => SoleWriter.WriteAsync(state);

    /// <summary>A non-interleaving turn of its own: no call runs while the state object is read over and put back.</summary>
    private void TakeOverSoon()
    {
        if (_closed || _grain is not { } grain)
        {
            return; // deactivating: its flush writes over the stale ETag itself
        }

        _takeOver ??= grain.RegisterGrainTimer(async _ =>
        {
            try
            {
                await Flush(exclusive: true);
            }
            finally
            {
                _takeOver?.Dispose();
                _takeOver = null;
                if (_dirty)
                {
                    Arm();
                }
            }
        }, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false });
    }

    private static string FirstLine(string text) => text.AsSpan().IndexOfAny('\r', '\n') is var end and >= 0 ? text[..end] : text;

    private void Arm()
    {
        if (_armed || _writing is not null || _closed || _grain is not { } grain)
        {
            return; // a write in flight arms the next when it ends; a deactivating grain flushes instead
        }

        _armed = true;
        var due = delay - delay * (Random.Shared.NextDouble() * Spread);
        if (_timer is null)
        {
            _timer = grain.RegisterGrainTimer(_ => OnTimer(), new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnTimer()
    {
        // Takes its turn among the silo's behind-writes (StateWriteSlots); meanwhile the grain takes calls, and a
        // write that cannot wait (WriteNow, deactivation) promotes it past the queue.
        using var turn = new WriteTurn();
        _turn = turn;
        StateWriteSlots.Current = turn;
        try
        {
            await Flush(exclusive: false);
        }
        catch (Exception e)
        {
            // Still pending, and armed again: one short line, not the stack traces Orleans' storage and timer would log
            // for each of thousands of grains while storage lags (which cost the silo more than the writes).
            if (_logger is { } logger && _grain is { } grain)
            {
                StateWriteLog.WriteFailed(logger, grain.GrainContext.GrainId, delay, e.GetType().Name, FirstLine(e.Message));
            }
        }
        finally
        {
            _turn = null;

            // A grain with nothing to write keeps no timer: with a million hosts active, one each is ~0.7 GB.
            if (!_armed && _timer is { } timer)
            {
                _timer = null;
                timer.Dispose();
            }
        }
    }
}

internal static partial class StateWriteLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Grain}'s state failed ({Error}: {Message}); it stays pending and is tried again in {Delay}")]
    public static partial void WriteFailed(ILogger logger, GrainId grain, TimeSpan delay, string error, string message);
}

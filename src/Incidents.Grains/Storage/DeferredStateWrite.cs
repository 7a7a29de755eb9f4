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
/// </remarks>
internal sealed class DeferredStateWrite<TState>(IGrainBase grain, IPersistentState<TState> state, TimeSpan delay)
{
    private IGrainTimer? _timer;
    private IGrainTimer? _takeOver;
    private Task? _writing;
    private bool _dirty;
    private bool _armed;

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
    /// Writes what is pending before the grain deactivates (or moves to another silo). While storage is away it tries
    /// again until <paramref name="cancellationToken"/> (the deactivation timeout) gives up: an activation that goes
    /// without writing loses what it holds, and no silo loss would make the journal replay it.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
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
        var write = exclusive ? WriteOverStale() : state.WriteStateAsync();
        _writing = write;
        try
        {
            await write;
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

    private async Task WriteOverStale()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            var current = state.State;
            await state.ReadStateAsync(); // for the stored ETag; what it read is older than what this activation holds
            state.State = current;
            await state.WriteStateAsync();
        }
    }

    /// <summary>A non-interleaving turn of its own: no call runs while the state object is read over and put back.</summary>
    private void TakeOverSoon()
    {
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

    private void Arm()
    {
        if (_armed || _writing is not null)
        {
            return; // a write in flight arms the next when it ends
        }

        _armed = true;
        if (_timer is null)
        {
            _timer = grain.RegisterGrainTimer(_ => OnTimer(), new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true });
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnTimer()
    {
        try
        {
            await Flush(exclusive: false);
        }
        finally
        {
            // A grain with nothing to write keeps no timer: with a million hosts active, one each is ~0.7 GB.
            if (!_armed && _timer is { } timer)
            {
                _timer = null;
                timer.Dispose();
            }
        }
    }
}

namespace Incidents.Grains.Storage;

/// <summary>
/// Writes a grain's state once per delay however many calls changed it, and at deactivation,
/// so that storage writes scale with grains, not with alerts.
/// </summary>
/// <remarks>
/// The write runs on an interleaving timer: while storage is slow, the grain goes on taking calls instead of queueing
/// them behind the write (what it changes meanwhile is written next). One write at a time, so that ETags never race.
/// </remarks>
internal sealed class DeferredStateWrite<TState>(IGrainBase grain, IPersistentState<TState> state, TimeSpan delay)
{
    private IGrainTimer? _timer;
    private Task? _writing;
    private bool _dirty;
    private bool _armed;

    public Task Changed()
    {
        if (delay <= TimeSpan.Zero)
        {
            return state.WriteStateAsync();
        }

        _dirty = true;
        Arm();
        return Task.CompletedTask;
    }

    public async Task FlushAsync()
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
        var write = state.WriteStateAsync();
        _writing = write;
        try
        {
            await write;
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
            if (_dirty)
            {
                Arm();
            }
        }
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
            _timer = grain.RegisterGrainTimer(_ => FlushAsync(), new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true });
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }
}

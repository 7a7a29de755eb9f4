namespace Incidents.Grains.Storage;

/// <summary>
/// Writes a grain's state once per delay however many calls changed it, and at deactivation,
/// so that storage writes scale with grains, not with alerts.
/// </summary>
internal sealed class DeferredStateWrite<TState>(IGrainBase grain, IPersistentState<TState> state, TimeSpan delay)
{
    private IGrainTimer? _timer;
    private bool _dirty;
    private bool _armed;

    public Task Changed()
    {
        if (delay <= TimeSpan.Zero)
        {
            return state.WriteStateAsync();
        }

        _dirty = true;
        if (!_armed)
        {
            _armed = true;
            if (_timer is null)
            {
                _timer = grain.RegisterGrainTimer(_ => FlushAsync(), delay, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _timer.Change(delay, Timeout.InfiniteTimeSpan);
            }
        }

        return Task.CompletedTask;
    }

    public async Task FlushAsync()
    {
        _armed = false;
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Keep the change pending so that the next flush (or deactivation) tries again.
            _dirty = true;
            throw;
        }
    }
}

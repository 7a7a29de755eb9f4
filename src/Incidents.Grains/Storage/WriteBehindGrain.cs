using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Incidents.Grains.Storage;

/// <summary>
/// A grain whose state is written behind its calls (<see cref="DeferredStateWrite{TState}"/>): changes gather for
/// the state write delay and are written in a turn of their own; the state is written when the grain deactivates, and
/// carried along when it moves to another silo. The one place that wiring lives; a grain calls
/// <see cref="StateChanged"/> after each change.
/// </summary>
public abstract class WriteBehindGrain<TState> : Grain, IGrainMigrationParticipant
{
    private readonly IPersistentState<TState> _state;
    private readonly DeferredStateWrite<TState> _write;

    protected WriteBehindGrain(IPersistentState<TState> state, TimeSpan delay)
    {
        _state = state;
        _write = new(state, delay);
    }

    /// <summary>The grain's state as loaded; change it, then call <see cref="StateChanged"/>.</summary>
    protected TState State => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _write.Attach(this, ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType()), WriteMark, StateWritten);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _write.FlushAsync(reason, cancellationToken);

    public void OnDehydrate(IDehydrationContext dehydrationContext) => _write.OnDehydrate(dehydrationContext);

    public void OnRehydrate(IRehydrationContext rehydrationContext) => _write.OnRehydrate(rehydrationContext);

    /// <summary>
    /// Taken just before each state write, and given to <see cref="StateWritten"/> when it is stored: what the write
    /// holds at least (a write may hold more, if the state changed before the provider read it).
    /// </summary>
    protected virtual long WriteMark() => 0;

    /// <summary>A state write is stored, holding at least what was true at <paramref name="mark"/>.</summary>
    protected virtual void StateWritten(long mark)
    {
    }

    /// <summary>The state changed: it is written within the delay (at once when a write failed and must be retried).</summary>
    protected Task StateChanged() => _write.Changed();

    /// <summary>The state changed and must be stored before the caller is answered: written now, not behind.</summary>
    protected Task WriteNow() => _write.WriteNow();
}

using Microsoft.Extensions.Options;

namespace Incidents.Grains.Storage;

/// <summary>
/// How many written-behind states a silo sends storage at once (<see cref="CorrelationOptions.StateWritesAtOnce"/>).
/// A burst of new hosts makes thousands of grains due to write in the same second; sent together, they queue inside
/// storage, where an analyst's action, a directory entry or a journal batch then waits behind all of them, past its
/// deadline. Held here, the queue is the silo's, and what must not wait goes past it.
/// </summary>
/// <remarks>
/// A write is behind when <see cref="DeferredStateWrite{TState}"/>'s timer sends it (<see cref="Behind"/>, which flows
/// with the write into the storage provider); the provider of entity state takes a turn for it after the grain's
/// directory entry is made, so that the entries of a burst gather into a few directory writes instead of trickling.
/// </remarks>
public sealed class StateWriteSlots(IOptions<CorrelationOptions> options) : IDisposable
{
    private static readonly AsyncLocal<bool> s_behind = new();
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.StateWritesAtOnce));

    /// <summary>Set by the write-behind timer for the write it sends; unset for writes an answer waits on.</summary>
    public static bool Behind
    {
        get => s_behind.Value;
        set => s_behind.Value = value;
    }

    /// <summary>Waits for a turn when the write is behind; none for one an answer waits on.</summary>
    public async Task<IDisposable?> TurnFor()
    {
        if (!Behind)
        {
            return null;
        }

        await _slots.WaitAsync();
        return new Turn(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Turn(SemaphoreSlim slots) : IDisposable
    {
        private int _given;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _given, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

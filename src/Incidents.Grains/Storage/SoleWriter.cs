using Orleans.Storage;

namespace Incidents.Grains.Storage;

/// <summary>
/// A write for a grain that is its state's one writer. A write can land while its answer is lost (storage going away
/// mid-request, a retry after a timeout): the stored ETag is then newer than the activation's, and every later write
/// would fail until the grain deactivated and lost what it held. So on a stale ETag the stored state is read for its
/// ETag and written over with what the activation holds (which holds all that write stored, and more), or with what
/// <paramref name="keep"/> makes of the two when the grain merges them.
/// </summary>
internal static class SoleWriter
{
    public static async Task WriteAsync<TState>(IPersistentState<TState> state, Func<TState, TState, TState>? keep = null)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            var held = state.State;
            await state.ReadStateAsync();
            state.State = keep is null ? held : keep(held, state.State);
            await state.WriteStateAsync();
        }
    }
}

using Microsoft.Extensions.Options;

namespace Incidents.Api.Journal;

/// <summary>
/// At most <see cref="JournalOptions.MaxBatchesInFlight"/> batches at once per API instance, so that memory stays
/// bounded when storage or the cluster falls behind: a batch that finds no room within a second gets 429.
/// </summary>
public sealed class IngestGate(IOptions<JournalOptions> options) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _slots = new(options.Value.MaxBatchesInFlight, options.Value.MaxBatchesInFlight);

    /// <summary>A slot to release (dispose) when the batch is done, or null when there is none.</summary>
    public async Task<IDisposable?> Enter(CancellationToken cancellationToken) =>
        await _slots.WaitAsync(Wait, cancellationToken) ? new Slot(_slots) : null;

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
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

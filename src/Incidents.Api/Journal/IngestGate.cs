using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Journal;

/// <summary>
/// At most <see cref="JournalOptions.MaxBatchesInFlight"/> batches at once per API instance, so that memory stays
/// bounded and a flood is answered 429 instead of queueing without end; and at most
/// <see cref="JournalOptions.MaxBatchesInFlightPerTenant"/> of them one tenant's, so that one tenant's flood leaves
/// room for the others. A batch waits up to a second for its slots.
/// </summary>
public sealed class IngestGate(IOptions<JournalOptions> options) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _slots = new(options.Value.MaxBatchesInFlight, options.Value.MaxBatchesInFlight);

    // One per tenant that has posted to this instance: bounded by the tenants that hold keys.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _tenants = new(StringComparer.Ordinal);
    private readonly int _perTenant = Math.Clamp(options.Value.MaxBatchesInFlightPerTenant, 1, options.Value.MaxBatchesInFlight);

    /// <summary>A slot to release (dispose) when the batch is done, or null when there is none.</summary>
    public async Task<IDisposable?> Enter(string tenant, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var tenantSlots = _tenants.GetOrAdd(tenant, _ => new SemaphoreSlim(_perTenant, _perTenant));
        if (!await tenantSlots.WaitAsync(Wait, cancellationToken))
        {
            return null;
        }

        var left = Wait - TimeProvider.System.GetElapsedTime(started);
        try
        {
            if (left > TimeSpan.Zero && await _slots.WaitAsync(left, cancellationToken))
            {
                return new Slot(_slots, tenantSlots);
            }
        }
        catch
        {
            tenantSlots.Release();
            throw;
        }

        tenantSlots.Release();
        return null;
    }

    public void Dispose()
    {
        _slots.Dispose();
        foreach (var slots in _tenants.Values)
        {
            slots.Dispose();
        }
    }

    private sealed class Slot(SemaphoreSlim slots, SemaphoreSlim tenantSlots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
                tenantSlots.Release();
            }
        }
    }
}

using Orleans.Concurrency;

namespace Incidents.Grains.Storage.Directory;

/// <summary>
/// A shard of a tenant's directory of stored entity state (<see cref="IStateDirectoryGrain"/>). Grains about to be
/// written for the first time ask to be held; those asking while a write is under way are held by the next one, so a
/// burst of new hosts costs a few writes of the shard, not one each.
/// </summary>
/// <remarks>
/// Stored with the entity state itself, so that the two cannot be set apart by configuration (a directory that forgot
/// would let a stored grain be taken for new). Reentrant so that callers gather behind one write; between awaits every change is synchronous. One write at a
/// time, so that ETags never race. Calls no grain: it cannot be part of a cycle.
/// </remarks>
[Reentrant]
public sealed class StateDirectoryGrain(
    [PersistentState("directory", StorageNames.Incidents)] IPersistentState<StateDirectoryState> state,
    IEnumerable<IStoredStateScan> scans) : Grain, IStateDirectoryGrain
{
    private HashSet<long> _held = [];
    private HashSet<long> _unwritten = [];
    private HashSet<long> _writing = [];
    private Task? _write;
    private TaskCompletionSource? _next;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _held = [.. state.State.Grains];
        if (!state.RecordExists)
        {
            // First use over this storage: it may hold state written before the directory existed.
            var (tenant, stateName, grainType, shard) = StateDirectoryKeys.Parse(this.GetPrimaryKeyString());
            foreach (var scan in scans)
            {
                await foreach (var grainId in scan.StoredGrains(stateName, grainType, tenant, cancellationToken))
                {
                    var hash = StateDirectoryKeys.Hash(grainId);
                    if (StateDirectoryKeys.Shard(hash) == shard)
                    {
                        _held.Add(hash);
                    }
                }
            }

            // Another activation of this shard may have written meanwhile (two can briefly exist while a silo joins):
            // what it stored is kept too, instead of this activation failing.
            await WriteOverStale();
        }
    }

    public Task<bool> MayHold(long grain) => Task.FromResult(_held.Contains(grain));

    public Task Hold(long grain)
    {
        if (_writing.Contains(grain))
        {
            return _write!;
        }

        if (!_unwritten.Contains(grain) && !_held.Add(grain))
        {
            return Task.CompletedTask; // stored already
        }

        _unwritten.Add(grain);
        var next = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_write is null)
        {
            _ = WriteHeld();
        }

        return next.Task;
    }

    /// <summary>Writes while anyone waits: each write takes every grain held until it began.</summary>
    private async Task WriteHeld()
    {
        while (_next is { } batch)
        {
            _next = null;
            (_writing, _unwritten) = (_unwritten, _writing);
            _write = batch.Task;
            try
            {
                await WriteOverStale();
                batch.TrySetResult();
            }
            catch (Exception e)
            {
                _unwritten.UnionWith(_writing); // the next caller's write takes them again
                batch.TrySetException(e);
            }
            finally
            {
                _writing.Clear();
            }
        }

        _write = null;
    }

    /// <summary>A write that landed with its answer lost may have stored grains this activation lacks: kept too.</summary>
    private Task WriteOverStale()
    {
        state.State.Grains = [.. _held];
        return SoleWriter.WriteAsync(state, (_, stored) =>
        {
            _held.UnionWith(stored.Grains);
            return new StateDirectoryState { Grains = [.. _held] };
        });
    }
}

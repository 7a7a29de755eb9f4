using Incidents.Contracts.Triage;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Triage;

/// <summary>A tenant's suppressions (<see cref="ISuppressionsGrain"/>): a short list, each change written before its answer.</summary>
public sealed class SuppressionsGrain(
    [PersistentState("suppressions", StorageNames.Lists)] IPersistentState<SuppressionsState> state) : Grain, ISuppressionsGrain
{
    public Task<SuppressionSet> List() => Task.FromResult(new SuppressionSet(state.State.Version, [.. state.State.Suppressions]));

    public async Task<Suppression?> Add(Suppression suppression)
    {
        if (state.State.Suppressions.Count >= SuppressionSet.MaxSuppressions)
        {
            return null;
        }

        state.State.Suppressions.Add(suppression);
        state.State.Version++;
        await SoleWriter.WriteAsync(state);
        return suppression;
    }

    public async Task<Suppression?> Remove(string id)
    {
        var index = state.State.Suppressions.FindIndex(s => s.Id == id);
        if (index < 0)
        {
            return null;
        }

        var removed = state.State.Suppressions[index];
        state.State.Suppressions.RemoveAt(index);
        state.State.Version++;
        await SoleWriter.WriteAsync(state);
        return removed;
    }
}

[GenerateSerializer, Alias("Incidents.SuppressionsState")]
public sealed record SuppressionsState
{
    [Id(0)] public List<Suppression> Suppressions { get; set; } = [];
    [Id(1)] public long Version { get; set; }
}

using Incidents.Contracts.Triage;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Triage;

/// <summary>A tenant's suppressions (<see cref="ISuppressionsGrain"/>): a short list, each change written before its answer.</summary>
/// <remarks>Counts of suppressed alerts are statistics: written behind, at most every few seconds.</remarks>
public sealed class SuppressionsGrain(
    [PersistentState("suppressions", StorageNames.Lists)] IPersistentState<SuppressionsState> state,
    IOptions<CorrelationOptions> options) : WriteBehindGrain<SuppressionsState>(state, options.Value.StateWriteDelay), ISuppressionsGrain
{
    public Task<SuppressionSet> List() => Task.FromResult(new SuppressionSet(State.Version, [.. State.Suppressions])
    {
        Suppressed = new Dictionary<string, long>(State.Suppressed, StringComparer.Ordinal),
    });

    public async Task Count(Dictionary<string, long> suppressed)
    {
        foreach (var (id, count) in suppressed)
        {
            if (State.Suppressions.Exists(s => s.Id == id))
            {
                State.Suppressed[id] = State.Suppressed.GetValueOrDefault(id) + count;
            }
        }

        await StateChanged();
    }

    public async Task<Suppression?> Add(Suppression suppression)
    {
        if (State.Suppressions.Count >= SuppressionSet.MaxSuppressions)
        {
            return null;
        }

        State.Suppressions.Add(suppression);
        State.Version++;
        await WriteNow();
        return suppression;
    }

    public async Task<Suppression?> Remove(string id)
    {
        var index = State.Suppressions.FindIndex(s => s.Id == id);
        if (index < 0)
        {
            return null;
        }

        var removed = State.Suppressions[index];
        State.Suppressions.RemoveAt(index);
        State.Suppressed.Remove(id);
        State.Version++;
        await WriteNow();
        return removed;
    }
}

[GenerateSerializer, Alias("Incidents.SuppressionsState")]
public sealed record SuppressionsState
{
    [Id(0)] public List<Suppression> Suppressions { get; set; } = [];
    [Id(1)] public long Version { get; set; }

    /// <summary>Alerts each suppression suppressed, by id (only suppressions still held).</summary>
    [Id(2)] public Dictionary<string, long> Suppressed { get; set; } = new(StringComparer.Ordinal);
}

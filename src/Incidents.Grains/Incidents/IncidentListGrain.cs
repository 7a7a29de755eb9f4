using Incidents.Contracts.Incidents;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Incidents;

/// <summary>
/// A tenant's incidents as summaries. Incident grains push a summary after each change; listing is a scan
/// of memory. Bounded: past the limit the least recently updated closed incidents leave first, then the
/// least recently updated of all (they remain readable by id).
/// </summary>
public sealed class IncidentListGrain(
    [PersistentState("incidents", StorageNames.Lists)] IPersistentState<IncidentListState> state,
    IOptions<CorrelationOptions> options) : WriteBehindGrain<IncidentListState>(state, options.Value.StateWriteDelay), IIncidentListGrain
{
    private readonly CorrelationOptions _options = options.Value;

    private Dictionary<string, IncidentSummary> Incidents => State.Incidents;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        return base.OnActivateAsync(cancellationToken);
    }

    public Task Update(IncidentSummary summary)
    {
        if (Incidents.TryGetValue(summary.Id, out var known) && known.UpdatedAt > summary.UpdatedAt)
        {
            return Task.CompletedTask;
        }

        Incidents[summary.Id] = summary;
        if (Incidents.Count > _options.ListIncidentsKept)
        {
            Evict();
        }

        return StateChanged();
    }

    public Task<IReadOnlyList<IncidentSummary>> Query(IncidentQuery query)
    {
        IEnumerable<IncidentSummary> found = Incidents.Values;
        // Merged incidents live on in their survivor; they show only when asked for.
        found = query.Status is { } status
            ? found.Where(i => i.Status == status)
            : found.Where(i => i.Status != IncidentStatus.Merged);

        if (query.Host is { } host)
        {
            found = found.Where(i => i.Hosts.Contains(host, StringComparer.Ordinal));
        }

        IReadOnlyList<IncidentSummary> page = [.. found.OrderByDescending(i => i.UpdatedAt).Take(query.Limit)];
        return Task.FromResult(page);
    }

    private void Evict()
    {
        // A tenth at a time, so that a full list does not sort on every update.
        var excess = Incidents.Count - _options.ListIncidentsKept + Math.Max(1, _options.ListIncidentsKept / 10);
        var leaving = Incidents.Values
            .OrderBy(i => i.Status is not (IncidentStatus.Resolved or IncidentStatus.Merged))
            .ThenBy(i => i.UpdatedAt)
            .Take(excess)
            .Select(i => i.Id)
            .ToList();
        foreach (var id in leaving)
        {
            Incidents.Remove(id);
        }
    }
}

namespace Incidents.Contracts.Incidents;

/// <summary>
/// A tenant's list of incidents (keyed by tenant), kept as summaries so that listing and filtering
/// thousands of incidents is one in-memory scan, not a fan-out over incident grains. Calls no grain.
/// </summary>
[Alias("Incidents.IIncidentListGrain")]
public interface IIncidentListGrain : IGrainWithStringKey
{
    [Alias("Update")]
    Task Update(IncidentSummary summary);

    /// <summary>Newest first by last activity.</summary>
    [ReadOnly]
    [Alias("Query")]
    Task<IReadOnlyList<IncidentSummary>> Query(IncidentQuery query);
}

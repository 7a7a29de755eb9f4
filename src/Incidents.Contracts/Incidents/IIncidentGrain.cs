using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;

namespace Incidents.Contracts.Incidents;

/// <summary>
/// One incident of one tenant, keyed <c>{tenant}/{incidentId}</c>. It accumulates correlated alerts, the entities
/// they name and the lateral movement between its hosts.
/// </summary>
/// <remarks>
/// No call cycle can form: hosts call incidents; an incident calls only its queue shard (which calls nothing) and
/// incidents whose id sorts before its own (merges and forwarding run towards the smaller id), never a host; its
/// enrichment grain only one-way.
/// </remarks>
[Alias("Incidents.IIncidentGrain")]
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the incident with its first alerts, decided by <paramref name="hostKey"/>'s grain; <paramref name="follows"/>
    /// is the resolved incident the host was in before, if any.
    /// </summary>
    [Alias("Open")]
    Task Open(string hostKey, AlertSummary[] alerts, string? follows);

    /// <summary>
    /// Adds alerts and lateral steps. Returns the id of the incident that took them: this one, or the one it was
    /// merged into; null when it takes no more (resolved), so that the host opens a new one. An incident with no state
    /// (lost with a silo before it was written) is made again from the alerts.
    /// </summary>
    [Alias("Add")]
    Task<string?> Add(string hostKey, AlertSummary[] alerts, LateralEdge[] edges);

    /// <summary>
    /// Merges this incident into <paramref name="survivorId"/>, which must sort before this id (ordinal), with the steps that
    /// showed they are one. Idempotent. Returns the id of the incident that holds both now; null when there is no merge
    /// because one of them is resolved (a resolved incident neither absorbs live ones nor is absorbed), and the caller
    /// goes on with the live one.
    /// </summary>
    [Alias("Merge")]
    Task<string?> Merge(string survivorId, LateralEdge[] edges);

    /// <summary>
    /// Takes in everything of an incident merged into this one, its workflow too. Idempotent (alerts by id, steps by
    /// hosts, notes and actions by time and actor). Returns the id of the incident that holds it now (this one's
    /// survivor, if this one was merged meanwhile); null when this one is resolved and takes nothing.
    /// </summary>
    [Alias("Absorb")]
    Task<string?> Absorb(MergedIncident merged, LateralEdge[] edges);

    /// <summary>
    /// An analyst's action. Answered once the change is in storage (not written behind): a silo lost the next moment
    /// loses none of it.
    /// </summary>
    [Alias("Act")]
    Task<ActionOutcome> Act(IncidentAction action);

    /// <summary>
    /// What its enrichment made of it (owner, criticality, intelligence hits, a higher severity) and what it covered.
    /// Called by its enrichment grain, which it only ever tells one-way.
    /// </summary>
    [Alias("Enriched")]
    Task Enriched(Enrichment.EnrichmentEffect effect);

    /// <summary>The incident with its newest <paramref name="alertLimit"/> alerts; null if there is no such incident.</summary>
    [ReadOnly]
    [Alias("GetView")]
    Task<IncidentView?> GetView(int alertLimit);
}

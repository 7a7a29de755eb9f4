namespace Incidents.Contracts.Enrichment;

/// <summary>
/// The enrichment of one incident, keyed like it (<c>{tenant}/{incidentId}</c>): what the enrichers found about its
/// hosts, users, addresses and observables, when, and how each run went.
/// </summary>
/// <remarks>
/// Off the host → incident path: the incident tells it its entities one-way and never waits on it; it awaits the
/// grains it reads (assets, intelligence, hosts, accounts, other incidents) and its own incident's
/// <c>Enriched</c>. None of those awaits an enrichment grain, so no cycle can form.
/// </remarks>
[Alias("Incidents.IEnrichmentGrain")]
public interface IEnrichmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// The incident's entities as they stand (all of them, not only the new): each enricher runs on what it has not yet
    /// covered. Idempotent; one-way, so that the incident never waits on an enricher.
    /// </summary>
    [OneWay]
    [Alias("Enrich")]
    Task Enrich(EnrichmentSubject subject);

    /// <summary>New intelligence names these values (retro-hunt): the enrichers of indicators look at them again.</summary>
    [OneWay]
    [Alias("Rehunt")]
    Task Rehunt(string[] values);

    /// <summary>A compromised host of the incident made contact: its blast radius is computed again (gathered, within a second).</summary>
    [OneWay]
    [Alias("Contacted")]
    Task Contacted();

    /// <summary>Answered between an enrichment's awaits too: what finished is shown while a slow enricher still runs.</summary>
    [AlwaysInterleave]
    [Alias("GetView")]
    Task<EnrichmentView> GetView();
}

using Incidents.Contracts.Enrichment;

namespace Incidents.Grains.Correlation;

public sealed partial class IncidentRecord
{
    /// <summary>
    /// Its entities to enrich, when its enrichment has not covered them all and they were not already asked for
    /// (<paramref name="asked"/>); null when there is nothing to ask.
    /// </summary>
    public EnrichmentSubject? EnrichmentDue(EnrichmentCounts? asked)
    {
        if (!_state.Exists || _state.MergedInto is not null)
        {
            return null;
        }

        var subject = new EnrichmentSubject
        {
            OpenedAt = _state.CreatedAt ?? default,
            Hosts = [.. _state.Hosts],
            Users = [.. _state.Users],
            Addresses = [.. _state.ExternalAddresses],
            Observables = [.. _state.Observables],
            CompromisedSince = _state.FirstSeen,
        };
        var counts = subject.Counts;
        return (_state.EnrichmentCovered ?? EnrichmentCounts.None).Covers(counts) || (asked is not null && asked.Covers(counts)) ? null : subject;
    }

    /// <summary>Whether its enrichment has covered all its entities.</summary>
    public bool EnrichmentCovered =>
        _state.EnrichmentCovered is { } covered
        && covered.Covers(new EnrichmentCounts(_state.Hosts.Count, _state.Users.Count, _state.ExternalAddresses.Count, _state.Observables.Count));

    /// <summary>
    /// Takes what enrichment made of it: owner and criticality, intelligence hits, and a higher severity with the reason
    /// on its timeline (a finding raises, never lowers). Returns whether anything changed.
    /// </summary>
    public bool Enriched(EnrichmentEffect effect, DateTimeOffset now)
    {
        var covered = _state.EnrichmentCovered ?? EnrichmentCounts.None;
        var most = new EnrichmentCounts(
            Math.Max(covered.Hosts, effect.Covered.Hosts), Math.Max(covered.Users, effect.Covered.Users),
            Math.Max(covered.Addresses, effect.Covered.Addresses), Math.Max(covered.Observables, effect.Covered.Observables));
        // What the summary shows is an update (the queue keeps a summary only over an older one); what was covered is not.
        var shown = effect.Owner != _state.Owner || effect.Criticality != _state.Criticality || effect.IntelHits != _state.IntelHits;
        var changed = shown || most != covered;
        changed |= effect.Zone != _state.Zone;
        (_state.EnrichmentCovered, _state.Owner, _state.Criticality, _state.IntelHits, _state.Zone) = (most, effect.Owner, effect.Criticality, effect.IntelHits, effect.Zone);

        // A resolved incident is not raised by what is found after (a retro-hunt): it is kept as it was closed.
        if (effect.Raises is { } raises && raises > _state.Severity && !IsResolved)
        {
            _state.Severity = raises;
            AddToTimeline(now, "severity", $"Severity raised to {raises} by enrichment: {effect.RaisedBecause}");
            shown = changed = true;
        }

        if (shown)
        {
            _state.UpdatedAt = now;
        }

        if (_state.EnrichedAt is null && EnrichmentCovered)
        {
            _state.EnrichedAt = now; // its time-to-enrichment
            changed = true;
        }

        return changed;
    }
}

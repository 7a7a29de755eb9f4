using static System.FormattableString;
using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;

namespace Incidents.Grains.Enrichment.Enrichers;

/// <summary>
/// The hosts the incident's attacker can reach next and that have raised no alert: hosts its compromised hosts reached
/// over a lateral protocol after their compromise, and hosts its exposed accounts (those that logged on to a compromised
/// host after the compromise, and the incident's own) logged on to since. Each with its evidence and asset value, so
/// that the endpoint team can contain ahead of the attacker. Read from what host and account grains already hold.
/// </summary>
public sealed class BlastRadiusEnricher(IGrainFactory grains, AssetReader assets) : IEnricher, IFollowingContacts
{
    /// <summary>Compromised hosts and exposed accounts read per run, and candidate hosts checked for alerts.</summary>
    public const int HostsRead = 20;
    public const int AccountsRead = 20;
    public const int CandidatesChecked = 50;

    public string Name => "blast-radius";

    /// <summary>New hosts or accounts (and every time a compromised host makes contact: then all are new).</summary>
    public bool Wants(EnrichmentWork work) => work.New.Hosts.Count > 0 || work.New.Users.Count > 0;

    public async Task<IReadOnlyList<EnrichmentFinding>> Enrich(EnrichmentWork work, CancellationToken cancellationToken)
    {
        var members = new HashSet<string>(work.Subject.Hosts, StringComparer.Ordinal);
        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var exposed = new Dictionary<string, (string From, DateTimeOffset Since)>(StringComparer.Ordinal);
        var hosts = await Task.WhenAll(work.Subject.Hosts.Take(HostsRead)
            .Select(h => grains.GetGrain<IHostGrain>(TenantScoped.Key(work.Tenant, h)).GetView())).WaitAsync(cancellationToken);
        foreach (var host in hosts)
        {
            if ((host.CompromisedSince ?? work.Subject.CompromisedSince) is not { } since)
            {
                continue;
            }

            foreach (var contact in host.Contacts.Where(c => c.Direction == ContactDirection.Outbound && c.Lateral != Contracts.Correlation.LateralKind.None
                && c.LastSeen >= since && !members.Contains(c.Peer)))
            {
                var when = contact.FirstSeen >= since ? contact.FirstSeen : contact.LastSeen;
                Offer(candidates, new Candidate(contact.Peer, host.Key, contact.Protocol, when, Invariant(
                    $"{host.Key} reached {contact.Peer} over {contact.Protocol} after its compromise ({contact.Count} time{(contact.Count == 1 ? "" : "s")}, last {contact.LastSeen:O})")));
            }

            foreach (var logon in host.Logons.Where(l => l.LastSeen >= since && l.Successes > 0))
            {
                exposed.TryAdd(logon.User, (host.Key, since));
            }
        }

        if (work.Subject.CompromisedSince is { } opened && work.Subject.Hosts.Count > 0)
        {
            foreach (var user in work.Subject.Users)
            {
                exposed.TryAdd(user, (work.Subject.Hosts[0], opened));
            }
        }

        var accounts = exposed.Take(AccountsRead).ToArray();
        var views = await Task.WhenAll(accounts.Select(a => grains.GetGrain<IUserGrain>(TenantScoped.Key(work.Tenant, a.Key)).GetView())).WaitAsync(cancellationToken);
        for (var i = 0; i < accounts.Length; i++)
        {
            var (user, (from, since)) = (accounts[i].Key, accounts[i].Value);
            foreach (var host in views[i].Hosts.Where(h => h.LastSeen >= since && h.Successes > 0 && !members.Contains(h.Host)))
            {
                Offer(candidates, new Candidate(host.Host, from, "logon", host.LastSeen, Invariant(
                    $"Account {user}, exposed on {from}, logged on to {host.Host} after the compromise ({host.Successes} time{(host.Successes == 1 ? "" : "s")}, last {host.LastSeen:O})")));
            }
        }

        // Only hosts that have raised no alert: one that has is already in an incident's sight.
        var checkedHosts = candidates.Values.OrderBy(c => c.When).Take(CandidatesChecked).ToArray();
        var quiet = await Task.WhenAll(checkedHosts.Select(async c =>
            (Candidate: c, View: await grains.GetGrain<IHostGrain>(TenantScoped.Key(work.Tenant, c.Host)).GetView()))).WaitAsync(cancellationToken);
        var kept = quiet.Where(q => q.View.AlertCount == 0).Select(q => q.Candidate).ToArray();
        var known = await assets.Find(work.Tenant, kept.Select(c => c.Host), cancellationToken);
        return [.. kept.Select(c => work.Found(this, c.Host, EnrichmentRecord.BlastRadiusKind, c.Evidence, c.When) with
        {
            ReachedFrom = c.From,
            Via = c.Via,
            Criticality = known.GetValueOrDefault(c.Host)?.Criticality,
            Owner = known.GetValueOrDefault(c.Host)?.Owner,
        })];
    }

    /// <summary>Keeps the earliest way to each host.</summary>
    private static void Offer(Dictionary<string, Candidate> candidates, Candidate candidate)
    {
        if (!candidates.TryGetValue(candidate.Host, out var held) || candidate.When < held.When)
        {
            candidates[candidate.Host] = candidate;
        }
    }

    private sealed record Candidate(string Host, string From, string Via, DateTimeOffset When, string Evidence);

}

using static System.FormattableString;
using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;

namespace Incidents.Grains.Enrichment.Enrichers;

/// <summary>
/// Where the incident's accounts sign in from (cloud identity providers' sign-ins, kept on the account): a source first
/// used in the day before the incident began, or since, is called out ("first sign-in from 192.0.2.0"); the others
/// are listed, newest first.
/// </summary>
public sealed class IdentityEnricher(IGrainFactory grains) : IEnricher
{
    /// <summary>Sign-in sources listed per account beyond the new ones.</summary>
    public const int SourcesListed = 10;

    public static readonly TimeSpan NewBefore = TimeSpan.FromDays(1);

    public string Name => "identity";

    public bool Wants(EnrichmentWork work) => work.New.Users.Count > 0;

    public async Task<IReadOnlyList<EnrichmentFinding>> Enrich(EnrichmentWork work, CancellationToken cancellationToken)
    {
        var began = work.Subject.CompromisedSince ?? work.Subject.OpenedAt;
        var query = new UserFactsQuery(work.Now, began - NewBefore, work.Now > began ? work.Now : began);
        var users = work.New.Users.Take(HistoryEnricher.EntitiesPerRun).ToArray();
        var facts = await Task.WhenAll(users.Select(u => grains.GetGrain<IUserGrain>(TenantScoped.Key(work.Tenant, u)).Facts(query))).WaitAsync(cancellationToken);
        var found = new List<EnrichmentFinding>();
        for (var i = 0; i < users.Length; i++)
        {
            foreach (var fact in facts[i].SignIns.Where(f => f.FirstInWindow))
            {
                var s = fact.SignIn;
                found.Add(work.Found(this, users[i], "first-sign-in-from", Invariant($"First sign-in from {s.Address ?? "an unknown address"} ({s.Source}) at {s.FirstSeen:O}"), s.FirstSeen, s.Source));
            }

            foreach (var s in facts[i].SignIns.Where(f => !f.FirstInWindow).Select(f => f.SignIn).OrderByDescending(s => s.LastSeen).Take(SourcesListed))
            {
                found.Add(work.Found(this, users[i], "signs-in-from", Invariant(
                    $"Signs in from {s.Address ?? "an unknown address"} ({s.Source}): {s.Successes} succeeded, {s.Failures} failed, first {s.FirstSeen:O}, last {s.LastSeen:O}"),
                    s.LastSeen, s.Source));
            }
        }

        return found;
    }

}

using static System.FormattableString;
using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Triage;
using Incidents.Contracts.Users;

namespace Incidents.Grains.Enrichment.Enrichers;

/// <summary>
/// What history says is unusual: when a host and an account were first seen, the host's earlier incidents with their
/// classification, the rules that fired on a host for the first time, when the account was first seen on each of the
/// incident's hosts, and how many hosts it touched in its last day.
/// </summary>
public sealed class HistoryEnricher(IGrainFactory grains) : IEnricher
{
    /// <summary>How many of a host's earlier incidents are looked up, newest first.</summary>
    public const int EarlierIncidents = 5;

    /// <summary>Entities looked at per run: an incident of thousands of hosts gets the facts of its first ones.</summary>
    public const int EntitiesPerRun = 50;

    public string Name => "history";

    public bool Wants(EnrichmentWork work) => work.New.Hosts.Count > 0 || work.New.Users.Count > 0;

    public async Task<IReadOnlyList<EnrichmentFinding>> Enrich(EnrichmentWork work, CancellationToken cancellationToken)
    {
        var hosts = work.New.Hosts.Take(EntitiesPerRun).Select(h => Host(work, h, cancellationToken));
        var users = work.New.Users.Take(EntitiesPerRun).Select(u => User(work, u, cancellationToken));
        var found = await Task.WhenAll(hosts.Concat(users)).WaitAsync(cancellationToken);
        return [.. found.SelectMany(f => f)];
    }

    private async Task<List<EnrichmentFinding>> Host(EnrichmentWork work, string host, CancellationToken cancellationToken)
    {
        var view = await grains.GetGrain<IHostGrain>(TenantScoped.Key(work.Tenant, host)).GetView().WaitAsync(cancellationToken);
        var found = new List<EnrichmentFinding>();
        if (view.FirstSeen is { } first)
        {
            found.Add(work.Found(this, host, "host-first-seen", Invariant($"Host first seen {first:O}"), first));
        }

        foreach (var alert in view.RecentAlerts.Where(a => a.PrimaryHost == host))
        {
            if (alert.Triage?.Reasons.FirstOrDefault(r => r.Kind == TriageReasonKinds.Baseline && r.Detail.StartsWith("first time", StringComparison.Ordinal)) is { } reason)
            {
                found.Add(work.Found(this, host, "rule-first-on-host", Invariant($"{Capital(reason.Detail)}: '{alert.Title}'"), alert.Time));
            }
        }

        var earlier = view.PreviousIncidentId;
        for (var i = 0; i < EarlierIncidents && earlier is not null && earlier != work.IncidentId; i++)
        {
            var incident = await grains.GetGrain<IIncidentGrain>(TenantScoped.Key(work.Tenant, earlier)).GetView(0).WaitAsync(cancellationToken);
            if (incident is null)
            {
                break;
            }

            var summary = incident.Summary;
            var verdict = summary.Classification is { } c ? Verdict(c) : summary.Status.ToString().ToLowerInvariant();
            var resolved = incident.Workflow?.ResolvedAt;
            found.Add(work.Found(this, host, "earlier-incident",
                Invariant($"In incident {summary.Id} ({verdict}): '{summary.Title}', {summary.AlertCount} alerts{(resolved is { } r ? $", resolved {r:O}" : "")}"),
                resolved ?? summary.LastSeen, summary.Id));
            earlier = summary.Follows;
        }

        return found;
    }

    private async Task<List<EnrichmentFinding>> User(EnrichmentWork work, string user, CancellationToken cancellationToken)
    {
        var view = await grains.GetGrain<IUserGrain>(TenantScoped.Key(work.Tenant, user)).GetView().WaitAsync(cancellationToken);
        var found = new List<EnrichmentFinding>();
        if (!view.Known)
        {
            return found;
        }

        if (view.FirstSeen is { } first)
        {
            found.Add(work.Found(this, user, "user-first-seen", Invariant($"Account first seen {first:O}"), first));
        }

        var members = new HashSet<string>(work.Subject.Hosts, StringComparer.Ordinal);
        foreach (var host in view.Hosts.Where(h => members.Contains(h.Host)))
        {
            found.Add(work.Found(this, user, "user-first-on-host", Invariant($"First seen on {host.Host} {host.FirstSeen:O}"), host.FirstSeen));
        }

        if (view.LastSeen is { } last)
        {
            var day = view.Hosts.Count(h => h.LastSeen > last - TimeSpan.FromDays(1));
            found.Add(work.Found(this, user, "user-hosts-in-a-day", Invariant($"Touched {day} host{(day == 1 ? "" : "s")} in the 24 hours to {last:O}"), last));
        }

        return found;
    }

    private static string Verdict(Classification classification) => classification switch
    {
        Classification.TruePositive => "true positive",
        Classification.FalsePositive => "false positive",
        Classification.Benign => "benign",
        _ => classification.ToString().ToLowerInvariant(),
    };

    private static string Capital(string text) => text.Length == 0 ? text : string.Concat(text[..1].ToUpperInvariant(), text.AsSpan(1));

}

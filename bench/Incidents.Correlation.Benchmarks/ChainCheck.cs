using System.Diagnostics;
using Incidents.Contracts.Incidents;

namespace Incidents.Correlation.Benchmarks;

/// <summary>What became of one chain: null <see cref="Problem"/> when it is whole.</summary>
internal sealed record ChainVerdict(Chain Chain, string? Problem);

internal sealed record CheckResult(IReadOnlyList<ChainVerdict> Verdicts, TimeSpan Settled, bool SharedServerInIncident, int OpenIncidents, int MergedIncidents)
{
    public int Whole => Verdicts.Count(v => v.Problem is null);
}

/// <summary>
/// After delivery: waits until every chain's hosts are in one incident with its steps (hosts tell each other one-way,
/// so this comes a little after the last call returns), then judges each chain exactly.
/// </summary>
internal static class ChainCheck
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<CheckResult> RunAsync(Correlations correlations, IReadOnlyList<Chain> chains)
    {
        var clock = Stopwatch.StartNew();
        ChainVerdict[] verdicts;
        while (true)
        {
            verdicts = await Task.WhenAll(chains.Select(c => Judge(correlations, c)));
            if (verdicts.All(v => v.Problem is null || v.Problem.StartsWith("wrong", StringComparison.Ordinal)) || clock.Elapsed > Deadline)
            {
                break;
            }

            await Task.Delay(50);
        }

        var settled = clock.Elapsed;
        var sharedServer = await correlations.Host(Workload.FileServer);
        return new CheckResult(verdicts, settled, sharedServer.OpenIncidentId is not null,
            await correlations.Count(IncidentStatus.New), await correlations.Count(IncidentStatus.Merged));
    }

    /// <summary>
    /// Whole: the chain's hosts in one incident, with exactly its steps and no other host. A problem starting with
    /// "wrong" will not mend by waiting.
    /// </summary>
    private static async Task<ChainVerdict> Judge(Correlations correlations, Chain chain)
    {
        var views = await Task.WhenAll(chain.Hosts.Select(correlations.IncidentOf));
        if (views.Any(v => v is null))
        {
            return new(chain, $"not yet: {string.Join(", ", chain.Hosts.Where((_, i) => views[i] is null))} in no incident");
        }

        var ids = views.Select(v => v!.Summary.Id).Distinct(StringComparer.Ordinal).Count();
        var incident = views[0]!;
        var steps = incident.LateralMovement.Select(e => (e.From, e.To)).ToHashSet();
        if (ids > 1 || !chain.Edges.All(steps.Contains))
        {
            return new(chain, $"not yet: in {ids} incident(s), steps [{Describe(incident)}]");
        }

        var others = incident.Hosts.Except(chain.Hosts, StringComparer.Ordinal).ToArray();
        return others.Length > 0 || steps.Count != chain.Hosts.Count - 1
            ? new(chain, $"wrong: incident {incident.Summary.Id} also holds [{string.Join(", ", others)}], steps [{Describe(incident)}]")
            : new(chain, null);
    }

    private static string Describe(IncidentView incident) =>
        string.Join(", ", incident.LateralMovement.Select(e => $"{e.From}->{e.To}"));
}

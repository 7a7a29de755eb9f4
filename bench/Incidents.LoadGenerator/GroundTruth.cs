using System.Diagnostics;
using System.Globalization;

namespace Incidents.LoadGenerator;

/// <summary>What the ground-truth check found.</summary>
public sealed record GroundTruthResult(
    int ChainsWhole,
    int Chains,
    int ExfilRight,
    int Exfil,
    int HostsRight,
    int HostsSampled,
    IReadOnlyList<string> Problems,
    TimeSpan Settled)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Checks what the system made of the run against what is known: each chain is one incident holding exactly its 4
/// hosts, every one of its accepted alerts and its 3 steps; each exfil host has an incident of its own holding its
/// alert; no two of them share an incident; no incident holds another group's alert of this run; each sampled
/// background host counts what was accepted for it on top of what it had before the run, and is in no incident.
/// Re-read until right or until <see cref="Settle"/> has passed.
/// </summary>
public sealed class GroundTruth(Workload workload, AnalystApi api)
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);
    private const int ReadsInFlight = 8;

    private IReadOnlyList<int> sample = [];
    private Dictionary<int, long> baseline = [];

    /// <summary>Reads the sampled background hosts' counts before the run.</summary>
    public async Task TakeBaselineAsync(CancellationToken cancellationToken)
    {
        sample = workload.SampledBackgroundHosts();
        var counts = await ForEachAsync(sample, async i => (await api.HostAsync(Workload.BackgroundHost(i), cancellationToken)).AlertCount);
        baseline = sample.Zip(counts).ToDictionary(p => p.First, p => p.Second);
    }

    /// <param name="acceptedPerHost">Per background host, the alerts on it that the run's 202s did not reject.</param>
    public async Task<GroundTruthResult> CheckAsync(long[] acceptedPerHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acceptedPerHost);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var result = await CheckOnceAsync(acceptedPerHost, Stopwatch.GetElapsedTime(started), cancellationToken);
            if (result.Passed || Stopwatch.GetElapsedTime(started) >= Settle)
            {
                return result;
            }

            await Task.Delay(Pause, cancellationToken);
        }
    }

    private async Task<GroundTruthResult> CheckOnceAsync(long[] acceptedPerHost, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var owners = new List<(string Group, string Id)>();
        var chainVerdicts = await ForEachAsync(workload.Chains, c => CheckChainAsync(c, cancellationToken));
        var exfilVerdicts = await ForEachAsync(workload.Exfil, e => CheckExfilAsync(e, cancellationToken));
        foreach (var (group, id, problem) in chainVerdicts.Concat(exfilVerdicts))
        {
            if (problem is not null)
            {
                problems.Add($"{group}: {problem}");
            }

            if (id is not null)
            {
                owners.Add((group, id));
            }
        }

        foreach (var shared in owners.GroupBy(o => o.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(", ", shared.Select(o => o.Group))} share incident {shared.Key}");
        }

        var hostVerdicts = await ForEachAsync(sample, i => CheckHostAsync(i, acceptedPerHost[i], cancellationToken));
        problems.AddRange(hostVerdicts.OfType<string>());

        return new GroundTruthResult(
            chainVerdicts.Count(v => v.Problem is null), workload.Chains.Count,
            exfilVerdicts.Count(v => v.Problem is null), workload.Exfil.Count,
            hostVerdicts.Count(v => v is null), sample.Count,
            problems, elapsed);
    }

    private async Task<(string Group, string? Id, string? Problem)> CheckChainAsync(Chain chain, CancellationToken cancellationToken)
    {
        var group = F($"chain {chain.Index:D3}");
        try
        {
            var ids = new List<string?>();
            foreach (var host in chain.Hosts)
            {
                ids.Add(await api.IncidentOfAsync(host, cancellationToken));
            }

            var none = chain.Hosts.Where((_, i) => ids[i] is null).ToArray();
            if (none.Length > 0)
            {
                return (group, null, $"{string.Join(", ", none)} in no incident");
            }

            var distinct = ids.Distinct(StringComparer.Ordinal).ToArray();
            if (distinct.Length > 1)
            {
                return (group, null, $"its hosts are in {distinct.Length} incidents: " +
                    string.Join(", ", chain.Hosts.Select((h, i) => $"{h} in {ids[i]}")));
            }

            var incident = await api.IncidentAsync(distinct[0]!, cancellationToken);
            if (incident is null)
            {
                return (group, null, $"its incident {distinct[0]} cannot be read");
            }

            var wrong = IncidentProblems(incident, chain.Hosts, chain.Alerts).ToList();
            var missingSteps = Enumerable.Range(1, Workload.ChainLength - 1)
                .Select(h => (From: chain.Hosts[h - 1], To: chain.Hosts[h]))
                .Where(step => !incident.Steps.Contains(step))
                .ToArray();
            if (missingSteps.Length > 0)
            {
                wrong.Add($"steps not drawn: {string.Join(", ", missingSteps.Select(s => $"{s.From} → {s.To}"))}");
            }

            return (group, incident.Id, wrong.Count == 0 ? null : $"incident {incident.Id}: {string.Join("; ", wrong)}");
        }
        catch (Exception e) when (AnalystApi.IsReadFailure(e))
        {
            return (group, null, $"could not be read: {e.Message}");
        }
    }

    private async Task<(string Group, string? Id, string? Problem)> CheckExfilAsync(ExfilHost exfil, CancellationToken cancellationToken)
    {
        var group = F($"exfil {exfil.Index:D3}");
        try
        {
            var id = await api.IncidentOfAsync(exfil.Host, cancellationToken);
            if (id is null)
            {
                return (group, null, $"{exfil.Host} in no incident");
            }

            var incident = await api.IncidentAsync(id, cancellationToken);
            if (incident is null)
            {
                return (group, null, $"its incident {id} cannot be read");
            }

            var wrong = IncidentProblems(incident, [exfil.Host], [exfil.Alert]).ToList();
            return (group, incident.Id, wrong.Count == 0 ? null : $"incident {incident.Id}: {string.Join("; ", wrong)}");
        }
        catch (Exception e) when (AnalystApi.IsReadFailure(e))
        {
            return (group, null, $"could not be read: {e.Message}");
        }
    }

    /// <summary>Hosts other than the group's, alerts of the group missing, alerts of this run from elsewhere.</summary>
    private IEnumerable<string> IncidentProblems(IncidentRead incident, IReadOnlyList<string> hosts, IReadOnlyList<TrackedAlert> alerts)
    {
        if (incident.MergedInto is not null)
        {
            yield return $"merged into {incident.MergedInto}, yet ?host= names it";
        }

        var missingHosts = hosts.Except(incident.Hosts, StringComparer.Ordinal).ToArray();
        if (missingHosts.Length > 0)
        {
            yield return $"hosts missing: {string.Join(", ", missingHosts)}";
        }

        var otherHosts = incident.Hosts.Except(hosts, StringComparer.Ordinal).ToArray();
        if (otherHosts.Length > 0)
        {
            yield return $"holds other hosts: {string.Join(", ", otherHosts.Take(10))}{(otherHosts.Length > 10 ? F($" and {otherHosts.Length - 10} more") : "")}";
        }

        var titles = incident.AlertTitles.ToHashSet(StringComparer.Ordinal);
        var missing = alerts.Where(a => a.Accepted && !titles.Contains(a.Title)).ToArray();
        if (missing.Length > 0)
        {
            yield return $"alerts missing: {string.Join(", ", missing.Select(Describe))}";
        }

        var ours = alerts.Select(a => a.Title).ToHashSet(StringComparer.Ordinal);
        var tag = $"[load {workload.RunId}";
        var foreign = incident.AlertTitles.Where(t => t.Contains(tag, StringComparison.Ordinal) && !ours.Contains(t)).ToArray();
        if (foreign.Length > 0)
        {
            yield return $"holds {foreign.Length} alerts of this run that are not its own, e.g. '{foreign[0]}'";
        }
    }

    private async Task<string?> CheckHostAsync(int host, long accepted, CancellationToken cancellationToken)
    {
        var address = Workload.BackgroundHost(host);
        try
        {
            var (count, incident) = await api.HostAsync(address, cancellationToken);
            var expected = baseline.GetValueOrDefault(host) + accepted;
            if (count != expected)
            {
                return F($"background {address}: alertCount {count}, expected {expected} ({baseline.GetValueOrDefault(host)} before the run + {accepted} accepted)");
            }

            return incident is null ? null : $"background {address}: in incident {incident}, though it only ever had Low alerts";
        }
        catch (Exception e) when (AnalystApi.IsReadFailure(e))
        {
            return $"background {address}: could not be read: {e.Message}";
        }
    }

    private static string Describe(TrackedAlert alert) => alert.Kind switch
    {
        TrackedKind.Command => "C2 alert",
        TrackedKind.Step => F($"step to host {alert.Hop}"),
        TrackedKind.AfterStep => F($"alert on host {alert.Hop}"),
        _ => "exfil alert",
    };

    /// <summary>Runs <paramref name="read"/> over the items, a few at a time, keeping their order.</summary>
    private static async Task<TResult[]> ForEachAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> read)
    {
        var results = new TResult[items.Count];
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(ReadsInFlight, items.Count)).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
            {
                results[i] = await read(items[i]);
            }
        });
        await Task.WhenAll(workers);
        return results;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

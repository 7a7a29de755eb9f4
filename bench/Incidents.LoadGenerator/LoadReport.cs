using System.Globalization;

namespace Incidents.LoadGenerator;

/// <summary>The figures of one run, and the markdown the program prints.</summary>
public sealed class LoadReport
{
    public required LoadOptions Options { get; init; }
    public required string RunId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset EventStart { get; init; }
    public required PostingResult Posting { get; init; }

    /// <summary>Every chain and exfil alert, with what became of it.</summary>
    public required IReadOnlyList<TrackedAlert> Tracked { get; init; }

    /// <summary>Reads made with the analyst key (visibility polls and the check).</summary>
    public required long VisibilityReads { get; init; }

    public required long VisibilityReadErrors { get; init; }

    /// <summary>How long each visibility poll (a host's incident, then the incident) took, sorted.</summary>
    public required double[] PollMs { get; init; }

    /// <summary>Null when it was not run (<c>--dry-run</c>, <c>--no-check</c>).</summary>
    public GroundTruthResult? Check { get; init; }

    public double AcceptedPerSecond => Posting.Accepted / Math.Max(Posting.Wall.TotalSeconds, 1e-9);

    /// <summary>Tracked alerts accepted, so followed.</summary>
    public int Followed => Tracked.Count(t => t.Accepted);

    /// <summary>Followed alerts not seen within <see cref="VisibilityWatch.Deadline"/> of their 202 (seen later, in a slow read, or never).</summary>
    public int NeverSeen => Options.DryRun ? 0 : Tracked.Count(t => t.Accepted && !(t.Visible <= VisibilityWatch.Deadline));

    /// <summary>False when the check found anything wrong, a batch could not be delivered, or an alert was rejected.</summary>
    public bool Passed => Check?.Passed != false && Posting.FailedBatches == 0 && Posting.Rejected == 0;

    public string ToMarkdown()
    {
        var o = Options;
        var p = Posting;
        var lines = new List<string>
        {
            F($"## Load run {RunId}{(o.DryRun ? " (dry run: parse only)" : "")}"),
            "",
            F($"Against {o.Url.GetLeftPart(UriPartial.Authority)}, started {StartedAt:yyyy-MM-dd HH:mm:ss} UTC; event times from {EventStart:yyyy-MM-dd HH:mm} UTC over {Workload.EventSpan.TotalHours:N0} h. Generator: {Environment.ProcessorCount} cores, .NET {Environment.Version}, on the same machine as the system unless --url says otherwise."),
            "",
            "```sh",
            o.CommandLine,
            "```",
            "",
            "| workload | |",
            "|---|---|",
            F($"| alerts | {(o.Duration is { } d ? $"for {d.TotalSeconds:N0} s" : $"{o.Alerts:N0}")} in batches of {o.Batch:N0}, {o.Concurrency} in flight, {(o.Rate > 0 ? $"paced at {o.Rate:N0} alerts/s" : "as fast as answered")} |"),
            F($"| background | {o.Hosts:N0} hosts (10.20.0.0/16 on){(o.Sweep ? ", each in turn" : "")}, Low alerts to 198.51.100.0/24 |"),
            F($"| chains | {o.Chains} of {Workload.ChainLength} hosts (10.30.0.0/16): High C2 alert, then per hop a Medium SMB step (445, T1021.002) and a Low alert on the host reached |"),
            F($"| exfil | {o.Exfil} hosts (10.40.0.0/16), one High large outbound transfer each |"),
            F($"| seed | {o.Seed} (run id {RunId} in every signature and flow id) |"),
            "",
            "| figure | value |",
            "|---|---|",
            F($"| alerts posted | {p.Posted:N0} in {p.Batches + p.FailedBatches:N0} batches |"),
            F($"| accepted / duplicates / rejected | {p.Accepted:N0} / {p.Duplicates:N0} / {p.Rejected:N0} |"),
            F($"| batches failed | {(p.FailedBatches == 0 ? "0" : $"**{p.FailedBatches:N0}** ({p.FailedAlerts:N0} alerts)")} |"),
            F($"| 429 / 503 answers, retries | {p.Throttled:N0} / {p.Unavailable:N0}, {p.Retries:N0} retries{(p.TransportFailures > 0 ? $" ({p.TransportFailures:N0} of them after no answer)" : "")} |"),
            F($"| **accepted alerts/s** | **{AcceptedPerSecond:N0}** over {p.Wall.TotalSeconds:N2} s of posting{(o.Rate > 0 ? $" (target {o.Rate:N0})" : "")} |"),
            F($"| request latency (post → {(o.DryRun ? "200" : "202")}) | {Latency(p.LatenciesMs)} |"),
        };

        if (!o.DryRun)
        {
            var seen = Tracked.Where(t => t.Visible is not null).Select(t => t.Visible!.Value.TotalMilliseconds).Order().ToArray();
            lines.Add(F($"| 202 → visible in its incident | {Latency(seen)} |"));
            lines.Add(F($"| not seen within {VisibilityWatch.Deadline.TotalSeconds:N0} s | {(NeverSeen == 0 ? "0" : $"**{NeverSeen}**")} of {Followed} chain and exfil alerts{(VisibilityReadErrors > 0 ? $" ({VisibilityReadErrors:N0} reads failed)" : "")} |"));
            lines.Add(F($"| visibility polls | {PollMs.Length:N0} (per host with alerts pending, every {VisibilityWatch.Interval.TotalMilliseconds:N0} ms at most, {VisibilityWatch.ReadsInFlight} reads in flight at most), each p50 {Percentile(PollMs, 0.5):N1} ms, max {(PollMs.Length == 0 ? 0 : PollMs[^1]):N1} ms; {VisibilityReads:N0} analyst reads in all, the check's included |"));
        }

        if (Check is { } c)
        {
            lines.Add(F($"| **chains whole** | **{c.ChainsWhole} of {c.Chains}** |"));
            lines.Add(F($"| **exfil incidents right** | **{c.ExfilRight} of {c.Exfil}** |"));
            lines.Add(F($"| **background host counts right** | **{c.HostsRight} of {c.HostsSampled}** sampled |"));
            lines.Add(F($"| ground truth | {(c.Passed ? $"right (settled {c.Settled.TotalSeconds:N1} s after the last alert was seen or given up)" : $"**{c.Problems.Count} mismatches** (still after {c.Settled.TotalSeconds:N0} s)")} |"));
        }
        else
        {
            lines.Add(F($"| ground truth | not checked ({(o.DryRun ? "dry run" : "--no-check")}) |"));
        }

        if (p.Errors.Count > 0)
        {
            lines.Add("");
            lines.Add("Errors (most frequent first):");
            lines.AddRange(p.Errors.Select(e => F($"- {e.Count:N0} × {e.Error}")));
        }

        if (Check is { Passed: false } failed)
        {
            lines.Add("");
            lines.Add("Ground truth mismatches:");
            lines.AddRange(failed.Problems.Take(30).Select(x => $"- {x}"));
            if (failed.Problems.Count > 30)
            {
                lines.Add(F($"- and {failed.Problems.Count - 30} more"));
            }
        }

        var never = o.DryRun ? [] : Tracked.Where(t => t.Accepted && !(t.Visible <= VisibilityWatch.Deadline)).Take(10).ToArray();
        if (never.Length > 0)
        {
            lines.Add("");
            lines.Add(F($"Not seen within {VisibilityWatch.Deadline.TotalSeconds:N0} s (first 10):"));
            lines.AddRange(never.Select(t => t.Visible is { } late ? F($"- {t.Title} (on {t.PrimaryHost}): seen after {late.TotalSeconds:N1} s") : $"- {t.Title} (on {t.PrimaryHost}): never"));
        }

        lines.Add("");
        lines.Add(Passed ? "Result: **pass**" : "Result: **FAIL**");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static string Latency(double[] sorted) => sorted.Length == 0
        ? "none"
        : F($"p50 {Percentile(sorted, 0.50):N1} ms, p99 {Percentile(sorted, 0.99):N1} ms, max {sorted[^1]:N1} ms (n {sorted.Length:N0})");

    /// <summary>Nearest rank.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

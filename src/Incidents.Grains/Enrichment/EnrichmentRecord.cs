using Incidents.Contracts.Alerts;
using Incidents.Contracts.Enrichment;

namespace Incidents.Grains.Enrichment;

/// <summary>
/// The rules of one incident's enrichment, without messaging or storage: what each enricher has yet to look at, how its
/// runs and findings are kept (each finding once, bounded), when the enrichment was first complete, and what the
/// findings make of the incident.
/// </summary>
public sealed class EnrichmentRecord(EnrichmentState state, EnrichmentOptions options)
{
    public const string BlastRadiusKind = "blast-radius";
    public const string AssetKind = "asset";
    public const string IntelKind = "intel";

    public DateTimeOffset? FirstCompleteAt => state.FirstCompleteAt;

    public DateTimeOffset? OpenedAt => state.OpenedAt;

    /// <summary>The incident's entities this enricher has not run on yet (the lists only grow: counts say how far it got).</summary>
    public EnrichmentSubject Pending(string enricher, EnrichmentSubject subject)
    {
        var done = state.Covered.GetValueOrDefault(enricher) ?? EnrichmentCounts.None;
        return subject with
        {
            Hosts = Beyond(subject.Hosts, done.Hosts),
            Users = Beyond(subject.Users, done.Users),
            Addresses = Beyond(subject.Addresses, done.Addresses),
            Observables = Beyond(subject.Observables, done.Observables),
        };
    }

    public EnrichmentSubject? Subject => state.Subject;

    /// <summary>The incident as told now: when it opened, its entities.</summary>
    public void Told(EnrichmentSubject subject)
    {
        state.OpenedAt ??= subject.OpenedAt;
        state.Subject = subject;
    }

    /// <summary>
    /// One run's outcome and findings. What a run that succeeded looked at is covered; one that failed or timed out is
    /// tried again on the incident's next change.
    /// </summary>
    public void Ran(EnricherRun run, IReadOnlyList<EnrichmentFinding> findings, EnrichmentCounts? covered)
    {
        state.Runs.Add(run);
        if (state.Runs.Count > options.RunsKept)
        {
            state.Runs.RemoveRange(0, state.Runs.Count - options.RunsKept);
        }

        if (covered is not null)
        {
            state.Covered[run.Enricher] = covered;
        }

        foreach (var finding in findings)
        {
            var same = state.Findings.FindIndex(f => f.Enricher == finding.Enricher && f.Entity == finding.Entity && f.Kind == finding.Kind
                && (f.Text == finding.Text || finding.Kind == BlastRadiusKind));
            if (same >= 0)
            {
                // A blast-radius host keeps its first evidence; any other finding is the same fact found again.
                continue;
            }

            state.Findings.Add(finding);
        }

        if (state.Findings.Count > options.FindingsKept)
        {
            state.Findings.RemoveRange(0, state.Findings.Count - options.FindingsKept);
        }
    }

    /// <summary>Marks the first complete enrichment (the first round of runs has finished); true the one time it is marked.</summary>
    public bool Completed(DateTimeOffset now)
    {
        if (state.FirstCompleteAt is not null)
        {
            return false;
        }

        state.FirstCompleteAt = now;
        return true;
    }

    /// <summary>From the incident's opening to its first complete enrichment.</summary>
    public TimeSpan? TimeToEnrichment =>
        state.FirstCompleteAt is { } done && state.OpenedAt is { } opened ? (done > opened ? done - opened : TimeSpan.Zero) : null;

    /// <summary>
    /// What the findings make of the incident: the owner and criticality of its most critical host, the highest severity
    /// a finding raises it to and why (an intelligence hit before an asset, at the same severity).
    /// </summary>
    public EnrichmentEffect Effect(EnrichmentCounts covered)
    {
        var asset = state.Findings.Where(f => f.Kind == AssetKind && f.Criticality is not null)
            .OrderByDescending(f => f.Criticality).ThenBy(f => f.FoundAt).FirstOrDefault();
        var raising = state.Findings.Where(f => f.Raises is not null)
            .OrderByDescending(f => f.Raises).ThenByDescending(f => f.Kind == IntelKind).ThenBy(f => f.FoundAt).FirstOrDefault();
        return new EnrichmentEffect
        {
            Covered = covered,
            Owner = asset?.Owner,
            Criticality = asset?.Criticality,
            Zone = asset?.Zone,
            Raises = raising?.Raises,
            RaisedBecause = raising is null ? null : $"{raising.Text} ({raising.Enricher})",
            IntelHits = state.Findings.Count(f => f.Kind == IntelKind),
        };
    }

    public EnrichmentView View()
    {
        var members = new HashSet<string>(state.Subject?.Hosts ?? [], StringComparer.Ordinal);
        return new EnrichmentView
        {
            Runs = [.. state.Runs],
            Findings = [.. state.Findings.Where(f => f.Kind != BlastRadiusKind)],
            FirstCompleteAt = state.FirstCompleteAt,
            TimeToEnrichment = TimeToEnrichment,
            BlastRadius = [.. state.Findings
                .Where(f => f.Kind == BlastRadiusKind && !members.Contains(f.Entity))
                .OrderByDescending(f => f.Criticality ?? 0).ThenBy(f => f.At)
                .Take(options.BlastRadiusKept)
                .Select(f => new BlastRadiusHost(f.Entity, f.ReachedFrom ?? "", f.Via ?? "", f.At ?? f.FoundAt, f.Text, f.Criticality, f.Owner))],
        };
    }

    private static IReadOnlyList<string> Beyond(IReadOnlyList<string> list, int done) =>
        done <= 0 ? list : done >= list.Count ? [] : [.. list.Skip(done)];

    /// <summary>What a crown jewel or an intelligence hit makes an incident at least.</summary>
    public static readonly Severity Raised = Severity.High;
}

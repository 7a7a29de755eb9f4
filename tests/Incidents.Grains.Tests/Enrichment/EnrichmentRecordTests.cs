using Incidents.Contracts.Alerts;
using Incidents.Contracts.Enrichment;
using Incidents.Grains.Enrichment;

namespace Incidents.Grains.Tests.Enrichment;

/// <summary>The rules of an incident's enrichment, without a cluster.</summary>
public sealed class EnrichmentRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly EnrichmentRecord _record = new(new EnrichmentState(), new EnrichmentOptions { FindingsKept = 5, RunsKept = 3 });

    private static EnrichmentSubject Subject(int hosts, int addresses = 0) => new()
    {
        OpenedAt = Now,
        Hosts = [.. Enumerable.Range(0, hosts).Select(i => $"host-{i}")],
        Addresses = [.. Enumerable.Range(0, addresses).Select(i => $"45.0.0.{i}")],
    };

    private static EnricherRun Run(string enricher, EnricherOutcome outcome = EnricherOutcome.Succeeded) =>
        new(enricher, Now, Now.AddMilliseconds(5), outcome, 1, 0, null);

    private static EnrichmentFinding Finding(string enricher, string entity, string kind, string text = "fact") => new()
    {
        Enricher = enricher, Entity = entity, Kind = kind, Text = text, FoundAt = Now,
    };

    [Fact]
    public void Each_enricher_is_asked_only_what_it_has_not_yet_run_on_successfully()
    {
        _record.Ran(Run("assets"), [], Subject(2).Counts);
        _record.Ran(Run("intel", EnricherOutcome.TimedOut), [], covered: null);

        Assert.Equal(["host-2"], _record.Pending("assets", Subject(3)).Hosts);
        Assert.Equal(["host-0", "host-1", "host-2"], _record.Pending("intel", Subject(3)).Hosts);
        Assert.Empty(_record.Pending("assets", Subject(2)).Hosts);
    }

    [Fact]
    public void A_finding_found_again_is_kept_once_and_the_oldest_leave_first_when_full()
    {
        _record.Ran(Run("history"), [Finding("history", "h", "host-first-seen")], null);
        _record.Ran(Run("history"), [Finding("history", "h", "host-first-seen")], null);
        Assert.Single(_record.View().Findings);

        _record.Ran(Run("history"), [.. Enumerable.Range(0, 6).Select(i => Finding("history", $"h{i}", "host-first-seen"))], null);
        var view = _record.View();
        Assert.Equal(5, view.Findings.Count);
        Assert.Equal("h5", view.Findings[^1].Entity);
        Assert.Equal(3, view.Runs.Count); // the newest runs
    }

    [Fact]
    public void The_effect_is_the_most_critical_hosts_owner_and_the_highest_raise_an_intelligence_hit_first()
    {
        _record.Ran(Run("assets"), [
            Finding("assets", "web", EnrichmentRecord.AssetKind) with { Owner = "web-team", Criticality = 3 },
            Finding("assets", "db", EnrichmentRecord.AssetKind, "Crown jewel") with { Owner = "dba", Criticality = 5, Raises = Severity.High },
        ], null);
        _record.Ran(Run("intel"), [Finding("intel", "45.0.0.1", EnrichmentRecord.IntelKind, "45.0.0.1 is known to cti") with { Raises = Severity.High }], null);

        var effect = _record.Effect(Subject(2, 1).Counts);
        Assert.Equal(("dba", 5, Severity.High, 1), (effect.Owner, effect.Criticality, effect.Raises, effect.IntelHits));
        Assert.StartsWith("45.0.0.1 is known to cti", effect.RaisedBecause, StringComparison.Ordinal);
        Assert.Equal(Subject(2, 1).Counts, effect.Covered);
    }

    [Fact]
    public void A_host_of_the_blast_radius_that_joins_the_incident_leaves_it()
    {
        _record.Told(Subject(1));
        var reachable = Finding("blast-radius", "file-server", EnrichmentRecord.BlastRadiusKind, "host-0 reached file-server over smb") with
        {
            ReachedFrom = "host-0", Via = "smb", At = Now, Criticality = 4,
        };
        _record.Ran(Run("blast-radius"), [reachable], null);
        var shown = Assert.Single(_record.View().BlastRadius);
        Assert.Equal(("file-server", "host-0", "smb", 4), (shown.Host, shown.ReachedFrom, shown.How, shown.Criticality));
        Assert.Empty(_record.View().Findings); // shown as blast radius, not among the findings

        _record.Told(Subject(1) with { Hosts = ["host-0", "file-server"] });
        Assert.Empty(_record.View().BlastRadius);
    }

    [Fact]
    public void Time_to_enrichment_is_from_the_opening_to_the_first_complete_round_and_marked_once()
    {
        _record.Told(Subject(1));
        Assert.True(_record.Completed(Now.AddMilliseconds(250)));
        Assert.False(_record.Completed(Now.AddSeconds(5)));
        Assert.Equal(TimeSpan.FromMilliseconds(250), _record.TimeToEnrichment);
    }
}

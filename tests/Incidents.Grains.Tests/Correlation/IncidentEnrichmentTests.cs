using Incidents.Contracts.Alerts;
using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Incidents;
using Incidents.Grains.Correlation;
using Incidents.Grains.Incidents;

namespace Incidents.Grains.Tests.Correlation;

/// <summary>What an incident takes from its enrichment, and what it asks of it, as plain code.</summary>
public sealed class IncidentEnrichmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly IncidentState _state = new();
    private readonly IncidentRecord _record;

    public IncidentEnrichmentTests()
    {
        _record = new IncidentRecord(_state, new CorrelationOptions());
        _record.Begin(Now, Now, "Opened by host b");
        _record.Take("b", [TestAlerts.On("b", Severity.Medium)], [], Now);
    }

    private static EnrichmentEffect Effect(int hosts, Severity? raises = null) => new()
    {
        Covered = new EnrichmentCounts(hosts, 0, 0, 0), Owner = "dba", Criticality = 5, Raises = raises, RaisedBecause = "Crown jewel (assets)",
    };

    [Fact]
    public void It_asks_for_its_entities_until_they_are_covered_and_not_again_while_asked()
    {
        var subject = _record.EnrichmentDue(asked: null);
        Assert.Equal(["b"], subject!.Hosts);
        Assert.Null(_record.EnrichmentDue(asked: subject.Counts));

        _record.Enriched(Effect(hosts: 1), Now);
        Assert.True(_record.EnrichmentCovered);
        Assert.Null(_record.EnrichmentDue(asked: null));

        _record.Take("c", [TestAlerts.On("c", Severity.High)], [], Now);
        Assert.Equal(["b", "c"], _record.EnrichmentDue(asked: null)!.Hosts);
    }

    [Fact]
    public void A_finding_raises_its_severity_with_the_reason_never_lowers_it_and_owner_and_criticality_reach_the_summary()
    {
        Assert.True(_record.Enriched(Effect(1, Severity.High), Now.AddSeconds(1)));
        Assert.Equal(Severity.High, _state.Severity);
        Assert.Contains(_state.Timeline, e => e.Kind == "severity" && e.Text == "Severity raised to High by enrichment: Crown jewel (assets)");
        var summary = _record.Summary("i");
        Assert.Equal(("dba", 5, Severity.High, Now.AddSeconds(1)), (summary.Owner, summary.Criticality, summary.Severity, summary.UpdatedAt));

        // The same again changes nothing; a lower raise lowers nothing.
        Assert.False(_record.Enriched(Effect(1, Severity.High), Now.AddSeconds(2)));
        Assert.False(_record.Enriched(Effect(1, Severity.Low), Now.AddSeconds(3)));
        Assert.Equal(Severity.High, _state.Severity);
    }

    [Fact]
    public void A_resolved_incident_is_not_raised_by_what_is_found_after()
    {
        _record.Workflow.Apply(new ChangeStatus { Actor = "alice", Status = IncidentStatus.Resolved, Reason = "done", Classification = Classification.Benign }, Now);
        _record.Enriched(Effect(1, Severity.Critical), Now.AddSeconds(1));
        Assert.Equal(Severity.Medium, _state.Severity);
    }
}

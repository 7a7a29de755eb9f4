using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;

namespace Incidents.Grains.Tests.Workflow;

/// <summary>Through the grains: a resolved incident neither absorbs a live one nor is absorbed, and a live merge keeps the workflow.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ResolvedMergeTests(ClusterFixture fixture)
{
    private readonly string _tenant = $"t{Guid.NewGuid():N}"[..20];

    private IIncidentGrain Incident(string id) => fixture.Grains.GetGrain<IIncidentGrain>(TenantScoped.Key(_tenant, id));

    private async Task<(string Smaller, string Greater)> TwoIncidents()
    {
        var smaller = "0" + Guid.NewGuid().ToString("N")[1..];
        var greater = "f" + Guid.NewGuid().ToString("N")[1..];
        await Incident(smaller).Open("a", [TestAlerts.On("a", Severity.High)], null);
        await Incident(greater).Open("b", [TestAlerts.On("b", Severity.High)], null);
        return (smaller, greater);
    }

    private static LateralEdge Edge() => new("a", "b", DateTimeOffset.UtcNow, "T1021.002", "smb", [], []);

    [Fact]
    public async Task A_resolved_incident_does_not_absorb_a_live_one()
    {
        var (smaller, greater) = await TwoIncidents();
        Assert.Equal(ActionResult.Done, (await Incident(smaller).Act(new ChangeStatus
        {
            Actor = "alice", Status = IncidentStatus.Resolved, Reason = "done", Classification = Classification.Benign,
        })).Result);

        Assert.Null(await Incident(greater).Merge(smaller, [Edge()]));

        var live = (await Incident(greater).GetView(10))!;
        var resolved = (await Incident(smaller).GetView(10))!;
        Assert.Equal((IncidentStatus.New, (string?)null), (live.Summary.Status, live.MergedInto));
        Assert.Equal((IncidentStatus.Resolved, 1L), (resolved.Summary.Status, resolved.Summary.AlertCount));
    }

    [Fact]
    public async Task A_resolved_incident_is_not_absorbed_into_a_live_one()
    {
        var (smaller, greater) = await TwoIncidents();
        await Incident(greater).Act(new ChangeStatus { Actor = "alice", Status = IncidentStatus.Resolved, Reason = "done", Classification = Classification.FalsePositive });

        Assert.Null(await Incident(greater).Merge(smaller, [Edge()]));
        Assert.Equal(IncidentStatus.Resolved, (await Incident(greater).GetView(0))!.Summary.Status);
        Assert.Equal(1L, (await Incident(smaller).GetView(0))!.Summary.AlertCount);
    }

    [Fact]
    public async Task A_merge_of_live_incidents_keeps_the_furthest_status_and_every_note()
    {
        var (smaller, greater) = await TwoIncidents();
        await Incident(greater).Act(new ChangeStatus { Actor = "bob", Status = IncidentStatus.Contained, Reason = "isolated b" });
        await Incident(greater).Act(new AddNote { Actor = "bob", Text = "b isolated at 09:10" });
        await Incident(smaller).Act(new AddNote { Actor = "alice", Text = "a looks patient zero" });

        Assert.Equal(smaller, await Incident(greater).Merge(smaller, [Edge()]));

        var survivor = (await Incident(smaller).GetView(10))!;
        Assert.Equal(IncidentStatus.Contained, survivor.Summary.Status);
        Assert.Equal(["a looks patient zero", "b isolated at 09:10"], survivor.Notes.Select(n => n.Text).Order(StringComparer.Ordinal));
        Assert.Equal(2, survivor.Summary.AlertCount);
        Assert.Equal(IncidentStatus.Merged, (await Incident(greater).GetView(0))!.Summary.Status);
    }
}

using Incidents.Contracts.Alerts;

namespace Incidents.Grains.Tests.Correlation;

/// <summary>
/// Host X reaches B by RDP at 07:20 (a low "admin login" alert on B); A is compromised at 07:50 and reaches B over SMB
/// at 08:00, drawing B in with its kept alerts. X was neither compromised nor reached by anything in the incident: it
/// is a related host of the incident, never a member, whatever order the alerts arrive in.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InnocentPeerTests(ClusterFixture fixture)
{
    public static TheoryData<int> Orders() => [0, 1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task A_peer_that_once_reached_a_drawn_in_host_is_related_not_a_member(int order)
    {
        var s = new Scenario(fixture.Grains);
        var alerts = new[]
        {
            s.Step("x", "b", -40, port: 3389, severity: Severity.Low, technique: "T1021.001"),
            s.Alert("a", -10),
            s.Step("a", "b", 0),
        };
        foreach (var index in Permutation(order))
        {
            await s.Post(alerts[index]);
        }

        var incident = await Scenario.Eventually(() => s.OneIncidentHolding("a", "b"),
            v => v!.Summary.AlertCount == 3 && v.LateralMovement.Count == 1, "a and b in one incident with all three alerts");
        Assert.Equal(["a", "b"], incident!.Hosts.Order(StringComparer.Ordinal));
        Assert.Equal(["x"], incident.RelatedHosts);
        Assert.Equal(2, incident.Summary.HostCount);
        Assert.DoesNotContain("x", incident.Summary.Hosts);
        Assert.DoesNotContain(incident.Timeline, e => e.Text.Contains("Host x", StringComparison.Ordinal));
        Assert.Null((await s.Host("x").GetView()).OpenIncidentId);
        Assert.Single(await s.Incidents(Contracts.Incidents.IncidentStatus.New));
    }

    private static int[] Permutation(int order) => order switch
    {
        0 => [0, 1, 2],
        1 => [0, 2, 1],
        2 => [1, 0, 2],
        3 => [1, 2, 0],
        4 => [2, 0, 1],
        _ => [2, 1, 0],
    };
}

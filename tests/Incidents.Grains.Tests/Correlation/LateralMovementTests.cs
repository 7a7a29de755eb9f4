using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Tests.Correlation;

[Collection(ClusterCollection.Name)]
public sealed class LateralMovementTests(ClusterFixture fixture)
{
    /// <summary>
    /// A beacon on A; A copies a tool to B over SMB; B (quiet alert) to C; C to D, where ransomware fires.
    /// E is infected too, on its own.
    /// </summary>
    private static AlertSummary[] Chain(Scenario s) =>
    [
        s.Alert("a", 0),
        s.Step("a", "b", 30),
        s.Alert("b", 45, Severity.Low),
        s.Step("b", "c", 90, severity: Severity.Low),
        s.Alert("c", 100, Severity.Low),
        s.Step("c", "d", 150, port: 5985, technique: null),
        s.Alert("d", 160, Severity.Critical, title: "Ransomware note written"),
        s.Alert("e", 20),
    ];

    [Fact]
    public async Task A_three_hop_chain_is_one_incident_whose_path_is_the_chain()
    {
        var s = new Scenario(fixture.Grains);
        foreach (var alert in Chain(s))
        {
            await s.Post(alert);
        }

        var incident = await Scenario.Eventually(() => s.OneIncidentHolding("a", "b", "c", "d"),
            v => v!.LateralMovement.Count == 3, "three steps drawn");
        AssertIsTheChain(incident!);
        Assert.Equal(Severity.Critical, incident!.Summary.Severity);
        Assert.Contains("lateral-movement", incident.Summary.Categories);
        Assert.Contains("203.0.113.50", incident.ExternalAddresses);
        var d = incident.LateralMovement[2];
        Assert.Equal(("T1021.006", "tcp/5985"), (d.Technique, d.Via));
        Assert.Equal(Scenario.At(30), (await s.Host("b").GetView()).CompromisedSince);

        var e = await s.IncidentOf("e");
        Assert.NotEqual(incident.Summary.Id, e!.Summary.Id);
        Assert.Equal(["e"], e.Hosts);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task The_same_chain_in_any_order_and_batching_gives_the_same_incident(int seed)
    {
        var s = new Scenario(fixture.Grains);
        var random = new Random(seed);
        var alerts = Chain(s);
        random.Shuffle(alerts);
        for (var i = 0; i < alerts.Length;)
        {
            var size = random.Next(1, 4);
            await s.Post(alerts[i..Math.Min(alerts.Length, i + size)]);
            i += size;
        }

        var incident = await Scenario.Eventually(() => s.OneIncidentHolding("a", "b", "c", "d"),
            v => v!.LateralMovement.Count == 3 && v.Summary.AlertCount == 7, "the whole chain");
        AssertIsTheChain(incident!);
        Assert.NotEqual(incident!.Summary.Id, (await s.IncidentOf("e"))!.Summary.Id);

        // Every incident opened on the way and merged points, through merges, at the one that holds the chain.
        foreach (var merged in await s.Incidents(IncidentStatus.Merged))
        {
            Assert.Equal(incident.Summary.Id, await s.SurvivorOf(merged.Id));
        }

        Assert.Equal(2, (await s.Incidents()).Count);
    }

    [Fact]
    public async Task A_step_before_the_compromise_or_towards_the_compromised_host_links_nothing()
    {
        var s = new Scenario(fixture.Grains);
        await s.Post(
            // Quiet steps (low, no lateral technique: one with a lateral technique opens an incident of its own).
            s.Step("b", "a", 10, severity: Severity.Low, technique: null), // b reached a before a was compromised, and towards it
            s.Step("a", "c", 5, severity: Severity.Low, technique: null),  // a reached c before its compromise
            s.Alert("a", 20),
            s.Step("a", "d", 25, severity: Severity.Low, technique: null), // after: d is a suspect
            s.Alert("b", 30, Severity.Low),
            s.Alert("c", 30, Severity.Low),
            s.Alert("d", 40, Severity.Low));

        var incident = await s.OneIncidentHolding("a", "d");
        Assert.Equal(("a", "d"), (Assert.Single(incident!.LateralMovement).From, incident.LateralMovement[0].To));
        foreach (var host in new[] { "b", "c" })
        {
            var view = await s.Host(host).GetView();
            Assert.Null(view.OpenIncidentId);
            Assert.Empty(view.Suspicions);
        }
    }

    [Fact]
    public async Task A_late_alert_that_moves_the_compromise_earlier_draws_in_the_hosts_reached_since()
    {
        var s = new Scenario(fixture.Grains);
        await s.Post(s.Alert("a", 100), s.Step("a", "b", 50, severity: Severity.Low, technique: null), s.Alert("b", 60, Severity.Low));
        Assert.Null((await s.Host("b").GetView()).OpenIncidentId);

        await s.Post(s.Alert("a", 40, Severity.Medium, title: "Macro spawned PowerShell"));

        var incident = await s.OneIncidentHolding("a", "b");
        Assert.Equal(Scenario.At(40), (await s.Host("a").GetView()).CompromisedSince);
        Assert.Equal(Scenario.At(50), Assert.Single(incident!.LateralMovement).FirstSeen);
        Assert.Equal(4, incident.Summary.AlertCount);
    }

    [Fact]
    public async Task Two_infections_on_one_subnet_that_share_an_external_address_stay_two()
    {
        var s = new Scenario(fixture.Grains);
        await s.Post(s.Alert("ws-1", 0, external: "198.51.100.7"), s.Alert("ws-2", 5, external: "198.51.100.7"),
            s.Alert("ws-1", 10, Severity.Low, external: "198.51.100.8"), s.Alert("ws-2", 12, Severity.Low, external: "198.51.100.8"));

        var (one, two) = (await s.IncidentOf("ws-1"), await s.IncidentOf("ws-2"));
        Assert.NotEqual(one!.Summary.Id, two!.Summary.Id);
        Assert.Equal(["ws-1"], one.Hosts);
        Assert.Equal(["ws-2"], two.Hosts);
        Assert.Equal(["198.51.100.7", "198.51.100.8"], one.ExternalAddresses);
        Assert.Empty(one.LateralMovement);
    }

    [Fact]
    public async Task Context_steps_after_the_compromise_make_suspects_and_routine_traffic_links_nothing()
    {
        var s = new Scenario(fixture.Grains);
        await s.Witness(
            s.AdminShare("a", "b", 10),          // before the compromise
            s.Connection("a", "c", 5985, 70),     // WinRM after it
            s.FileShare("a", "d", 75),            // a file share: routine
            s.Connection("a", "d", 445, 76),      // plain SMB: routine
            s.AdminShare("a", "e", 80));          // after it, but e's alert comes a day later
        await s.Post(s.Alert("a", 60), s.Alert("b", 200, Severity.Low), s.Alert("c", 80, Severity.Low),
            s.Alert("d", 90, Severity.Low), s.Alert("e", 80 + (25 * 60), Severity.Low));

        var incident = await s.OneIncidentHolding("a", "c");
        var step = Assert.Single(incident!.LateralMovement);
        Assert.Equal(("a", "c", "winrm", "T1021.006"), (step.From, step.To, step.Via, step.Technique));
        Assert.Single(step.EvidenceEventIds);

        var e = await Scenario.Eventually(() => s.Host("e").GetView(), v => v.Suspicions.Count == 1, "e suspected");
        Assert.Equal((SuspicionState.Pending, "admin share"), (e.Suspicions[0].State, e.Suspicions[0].Suspicion.Edge.Via));
        Assert.Null(e.OpenIncidentId);
        foreach (var host in new[] { "b", "d" })
        {
            var view = await s.Host(host).GetView();
            Assert.Null(view.OpenIncidentId);
            Assert.Empty(view.Suspicions);
        }
    }

    [Fact]
    public async Task A_busy_shared_server_is_reached_by_compromised_hosts_without_joining_their_incidents()
    {
        var s = new Scenario(fixture.Grains);
        var workstations = Enumerable.Range(0, 30).Select(i => $"ws-{i:00}").ToArray();

        // The day before: everyone logs on to the file server and trips the same SMB policy rule.
        await s.Witness([.. workstations.Select((w, i) => s.Logon(w, "fs", "corp\\" + w, -600 + i))]);
        await s.Post([.. workstations.Select((w, i) => s.Step(w, "fs", -500 + i, severity: Severity.Low, technique: null))]);

        // Two workstations are infected and go on using the server; the server has a real alert of its own.
        await s.Post(s.Alert("ws-03", 0), s.Alert("ws-17", 5));
        await s.Witness(s.Logon("ws-03", "fs", "corp\\ws-03", 10), s.Logon("ws-17", "fs", "corp\\ws-17", 20));
        await s.Post(s.Step("ws-03", "fs", 12, severity: Severity.Low, technique: null), s.Step("ws-17", "fs", 22, severity: Severity.Low, technique: null));
        await s.Post(s.Alert("fs", 30, Severity.Medium, title: "New service installed"));

        var server = await Scenario.Eventually(() => s.Host("fs").GetView(),
            v => v.Suspicions.Count(h => h.State == SuspicionState.Routine) == 4, "four routine steps");
        Assert.All(server.Suspicions, h => Assert.Equal(SuspicionState.Routine, h.State));
        var views = await Task.WhenAll(s.IncidentOf("ws-03"), s.IncidentOf("ws-17"), s.IncidentOf("fs"));
        Assert.Equal(3, views.Select(v => v!.Summary.Id).Distinct().Count());
        Assert.Empty(await s.Incidents(IncidentStatus.Merged));
    }

    private static void AssertIsTheChain(IncidentView incident)
    {
        Assert.Equal([("a", "b"), ("b", "c"), ("c", "d")], incident.LateralMovement.Select(e => (e.From, e.To)));
        Assert.Equal(["a", "b", "c", "d"], incident.Hosts.Order());
        Assert.Equal(7, incident.Summary.AlertCount);
        Assert.All(incident.LateralMovement.Take(2), e => Assert.Single(e.EvidenceAlertIds));
    }
}

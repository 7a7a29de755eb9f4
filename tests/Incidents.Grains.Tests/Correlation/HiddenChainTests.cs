using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Tests.Correlation;

[Collection(ClusterCollection.Name)]
public sealed class HiddenChainTests(ClusterFixture fixture)
{
    private const int Hosts = 1_000;
    private static readonly string[] ChainHosts = ["ws-0137", "ws-0512", "ws-0777", "ws-0901"];

    /// <summary>Every tenth workstation has an infection of its own; the chain's hosts are not among them.</summary>
    private static bool Infected(int i) => i % 10 == 0;

    [Fact]
    public async Task One_chain_hidden_in_a_thousand_noisy_hosts_is_found_whole_and_nothing_else_joins_it()
    {
        var s = new Scenario(fixture.Grains);
        var random = new Random(42);
        var hosts = Enumerable.Range(0, Hosts).Select(i => $"ws-{i:0000}").ToArray();

        // The day before: everyone logs on to the domain controller, maps the file share and trips the same SMB
        // policy rule there, and the vulnerability scanner sweeps every host.
        var baseline = hosts.SelectMany((h, i) => new[]
        {
            s.Logon(h, "dc", $"corp\\u{i:0000}", -1_440 + (i % 600)),
            s.FileShare(h, "fs", -1_400 + (i % 600)),
        }).ToArray();
        random.Shuffle(baseline);
        foreach (var batch in baseline.Chunk(500))
        {
            await s.Witness(batch);
        }

        foreach (var batch in hosts.SelectMany((h, i) => new[]
            {
                s.Step(h, "fs", -1_300 + (i % 600), severity: Severity.Low, technique: null),
                s.Step("scanner", h, -1_200 + (i % 600), port: 22, severity: Severity.Low, technique: null),
            }).Chunk(500))
        {
            await s.Post(batch);
        }

        // The day: policy noise everywhere, a vulnerability scanner touching every host, the same CDN for all,
        // a hundred infections of their own (each logging on to the dc after), and the chain.
        var alerts = new List<AlertSummary>();
        var events = new List<ContextSummary>();
        for (var i = 0; i < Hosts; i++)
        {
            var host = hosts[i];
            alerts.Add(s.Alert(host, random.Next(0, 600), Severity.Low, external: "198.51.100.1", title: "Policy: cloud storage upload"));
            alerts.Add(s.Step("scanner", host, random.Next(0, 600), port: 22, severity: Severity.Low, technique: null));
            alerts.Add(s.Step(host, "fs", random.Next(0, 600), severity: Severity.Low, technique: null));
            if (Infected(i))
            {
                var at = random.Next(0, 500);
                alerts.Add(s.Alert(host, at, Severity.High, external: $"203.0.113.{i % 250}"));
                events.Add(s.Logon(host, "dc", $"corp\\u{i:0000}", at + 30));
            }
        }

        alerts.AddRange([
            s.Alert(ChainHosts[0], 100, Severity.High, title: "Cobalt Strike beacon"),
            s.Step(ChainHosts[0], ChainHosts[1], 200),
            s.Alert(ChainHosts[1], 230, Severity.Low),
            s.Step(ChainHosts[1], ChainHosts[2], 300, severity: Severity.Low),
            s.Alert(ChainHosts[2], 310, Severity.Low),
            s.Step(ChainHosts[2], ChainHosts[3], 400, port: 3389, technique: "T1021.001"),
            s.Alert(ChainHosts[3], 450, Severity.Critical, title: "Ransomware note written"),
        ]);
        var all = alerts.Cast<object>().Concat(events).ToArray();
        random.Shuffle(all);
        var lanes = all.Chunk(250).Select(chunk => (Alerts: chunk.OfType<AlertSummary>().ToArray(), Events: chunk.OfType<ContextSummary>().ToArray()));
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (lane, _) =>
        {
            await s.Post(lane.Alerts);
            await s.Witness(lane.Events);
        });

        var chain = await Scenario.Eventually(() => s.OneIncidentHolding(ChainHosts),
            v => v!.LateralMovement.Count == 3 && v.Summary.AlertCount == 7 + ChainAlertsOfNoise(), "the chain whole");
        Assert.Equal(ChainHosts.Zip(ChainHosts.Skip(1)), chain!.LateralMovement.Select(e => (e.From, e.To)));

        // The hundred infected hosts each reached the dc after their compromise: the dc took each as routine.
        var dc = await Scenario.Eventually(() => s.Host("dc").GetView(),
            v => v.Suspicions.Count == Hosts / 10, "every infected host's step to the dc");
        Assert.All(dc.Suspicions, h => Assert.Equal(SuspicionState.Routine, h.State));
        Assert.Null(dc.OpenIncidentId);

        // Nothing else is in the chain's incident, and no other incident merged: the chain's own merges only.
        Assert.Equal(ChainHosts.Order(), chain.Hosts.Order());
        Assert.Contains("scanner", chain.RelatedHosts); // it swept the chain's hosts; nothing in the incident reached it
        Assert.All(chain.Alerts, a => Assert.Contains(a.PrimaryHost, ChainHosts));
        var open = await s.Incidents();
        Assert.Equal(Hosts / 10 + 1, open.Count);
        foreach (var merged in await s.Incidents(IncidentStatus.Merged))
        {
            Assert.Equal(chain.Summary.Id, await s.SurvivorOf(merged.Id));
            Assert.All(merged.Hosts, h => Assert.Contains(h, ChainHosts));
        }

        foreach (var (host, i) in hosts.Select((h, i) => (h, i)).Where(p => Infected(p.i)))
        {
            var incident = (await s.IncidentOf(host))!;
            Assert.NotEqual(chain.Summary.Id, incident.Summary.Id);
            Assert.Contains(host, incident.Hosts);
            Assert.Empty(incident.LateralMovement);
        }
    }

    /// <summary>
    /// Each chain host's own noise goes with it into the incident: the day's policy alert and scanner sweep, and
    /// yesterday's sweep (its alerts to the file server are the file server's).
    /// </summary>
    private static int ChainAlertsOfNoise() => ChainHosts.Length * 3;
}

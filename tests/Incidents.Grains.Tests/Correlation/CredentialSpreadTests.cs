using Incidents.Contracts.Alerts;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Hosts;

namespace Incidents.Grains.Tests.Correlation;

[Collection(ClusterCollection.Name)]
public sealed class CredentialSpreadTests(ClusterFixture fixture)
{
    private const string Account = "corp\\svc-backup";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_account_seen_on_a_compromised_host_links_the_hosts_it_logs_on_to_next(bool alertsFirst)
    {
        var s = new Scenario(fixture.Grains);
        var alerts = new[]
        {
            s.Alert("ws-1", 0, title: "Mimikatz"),
            s.Alert("ws-2", 120, Severity.Low),                     // quiet, but after the account arrived
            s.Alert("ws-3", 100),                                    // its own incident: merged
            s.Alert("ws-4", 90 + (25 * 60), Severity.Low),           // the account came here too late
            s.Alert("ws-5", 120, Severity.Low),                      // the account was here only before
        };
        var logons = new[]
        {
            s.LocalLogon("ws-5", Account, -30),
            s.LocalLogon("ws-1", Account, 30),
            s.LocalLogon("ws-2", Account, 60),
            s.LocalLogon("ws-3", Account, 90),
            s.LocalLogon("ws-4", Account, 90 + (25 * 60)),
        };
        if (alertsFirst)
        {
            await s.Post(alerts);
            await s.Witness(logons);
        }
        else
        {
            await s.Witness(logons);
            await s.Post(alerts);
        }

        // From ws-1 to both; and from ws-2, compromised from the account's arrival on, to ws-3 after it.
        var incident = await Scenario.Eventually(() => s.OneIncidentHolding("ws-1", "ws-2", "ws-3"),
            v => v!.LateralMovement.Count == 3, "the account's three steps");
        Assert.Equal(
            [("ws-1", "ws-2", Scenario.At(60)), ("ws-1", "ws-3", Scenario.At(90)), ("ws-2", "ws-3", Scenario.At(90))],
            incident!.LateralMovement.Select(e => (e.From, e.To, e.FirstSeen)).Order());
        Assert.All(incident.LateralMovement, e => Assert.Equal(("T1078", $"account {Account}"), (e.Technique, e.Via)));
        Assert.Equal(Scenario.At(60), (await s.Host("ws-2").GetView()).CompromisedSince);

        var user = await s.User(Account).GetView();
        Assert.Contains(user.Exposures, e => e.Host == "ws-1");
        foreach (var host in new[] { "ws-4", "ws-5" })
        {
            var view = await s.Host(host).GetView();
            Assert.Null(view.OpenIncidentId);
            Assert.Empty(view.Suspicions);
        }
    }

    [Fact]
    public async Task A_domain_controller_every_account_logs_on_to_is_not_drawn_in_by_an_account()
    {
        var s = new Scenario(fixture.Grains);
        var workstations = Enumerable.Range(0, 15).Select(i => $"ws-{i:00}").ToArray();
        await s.Witness([.. workstations.Select((w, i) => s.Logon(w, "dc", $"corp\\u{i}", -300 + i))]);
        await s.Post(s.Alert("ws-04", 0), s.Alert("dc", 60, Severity.Low));
        await s.Witness(s.LocalLogon("ws-04", "corp\\u4", 10), s.Logon("ws-04", "dc", "corp\\u4", 20));

        var dc = await Scenario.Eventually(() => s.Host("dc").GetView(), v => v.Suspicions.Count == 2, "the two steps to the dc");
        Assert.All(dc.Suspicions, h => Assert.Equal(SuspicionState.Routine, h.State));
        Assert.Equal([LateralKind.ContextEvent, LateralKind.Account], dc.Suspicions.Select(h => h.Suspicion.Kind).Order());
        Assert.Null(dc.OpenIncidentId);
    }
}

using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Correlation;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;

namespace Incidents.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ContextTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private IHostGrain Host(string key) => fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key("t1", key));

    private static ContextSummary Logon(string from, string to, string user, int minute, bool success = true) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Fingerprint = Guid.NewGuid().ToString("N"),
        Source = "windows",
        Kind = success ? ContextEventKind.Logon : ContextEventKind.LogonFailed,
        Time = Start.AddMinutes(minute),
        Src = new EndpointSummary(null, null, from, null, true),
        Dst = new EndpointSummary(null, null, to, user, true),
        User = user,
        Protocol = "windows",
        Detail = "logon type 3 (network)",
        Success = success,
        Hosts = [to, from],
    };

    [Fact]
    public async Task A_logon_is_an_inbound_contact_and_a_logon_on_the_target_and_an_outbound_contact_on_the_source()
    {
        var (source, target) = (TestAlerts.NewHost(), TestAlerts.NewHost());
        var events = new[] { Logon(source, target, "corp\\pat", 1), Logon(source, target, "corp\\pat", 5), Logon(source, target, "corp\\pat", 3, success: false) };

        await Host(target).Witness(events);
        await Host(source).Witness(events);

        var targetView = await Host(target).GetView();
        // The logons are a way in (a lateral step); the failed one is kept apart, as a failure moves nothing.
        var inbound = Assert.Single(targetView.Contacts, c => c.Lateral == LateralKind.ContextEvent);
        Assert.Equal((ContactDirection.Inbound, source, 2L, "logon", "T1078"), (inbound.Direction, inbound.Peer, inbound.Count, inbound.Protocol, inbound.Technique));
        Assert.Equal((Start.AddMinutes(1), Start.AddMinutes(5)), (inbound.FirstSeen, inbound.LastSeen));
        var failed = Assert.Single(targetView.Contacts, c => c.Lateral == LateralKind.None);
        Assert.Equal((source, 1L), (failed.Peer, failed.Count));
        var logon = Assert.Single(targetView.Logons);
        Assert.Equal(("corp\\pat", 2L, 1L, source), (logon.User, logon.Successes, logon.Failures, logon.LastFrom));
        Assert.Null(targetView.OpenIncidentId);

        var sourceView = await Host(source).GetView();
        Assert.All(sourceView.Contacts, c => Assert.Equal(ContactDirection.Outbound, c.Direction));
        Assert.Empty(sourceView.Logons);
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing()
    {
        var (source, target) = (TestAlerts.NewHost(), TestAlerts.NewHost());
        var e = Logon(source, target, "bob", 1);
        var first = await Host(target).Witness([e]);
        var again = await Host(target).Witness([e, e]);
        Assert.Equal([true], first);
        Assert.Equal([false, false], again);
        Assert.Equal(1, Assert.Single((await Host(target).GetView()).Contacts).Count);

        // Its own id makes a lookalike another event: the same logon, twice.
        var lookalike = await Host(target).Witness([e with { Id = Guid.NewGuid().ToString("N") }]);
        Assert.Equal([true], lookalike);
        Assert.Equal(2, Assert.Single((await Host(target).GetView()).Contacts).Count);
    }

    [Fact]
    public async Task A_host_remembers_only_its_most_recent_peers()
    {
        var target = TestAlerts.NewHost();
        for (var i = 0; i < 210; i++)
        {
            await Host(target).Witness([Logon($"peer-{i}", target, "svc", i)]);
        }

        var view = await Host(target).GetView();
        Assert.Equal(200, view.Contacts.Count);
        Assert.DoesNotContain(view.Contacts, c => c.Peer == "peer-0");
        Assert.Contains(view.Contacts, c => c.Peer == "peer-209");
    }

    [Fact]
    public async Task An_alert_between_two_internal_hosts_is_a_contact_with_its_evidence_and_an_external_peer_is_not()
    {
        var (attacker, victim) = (TestAlerts.NewHost(), TestAlerts.NewHost());
        var lateral = TestAlerts.On(victim, Severity.High, 3, attacker) with
        {
            Technique = "T1021.002",
            Src = new EndpointSummary("10.0.0.5", 50000, attacker, null, true),
            Dst = new EndpointSummary("10.0.0.9", 445, victim, null, true),
        };
        var fromInternet = TestAlerts.On(victim, Severity.Low, 4) with
        {
            Src = new EndpointSummary("203.0.113.7", 4444, null, null, false),
            Dst = new EndpointSummary("10.0.0.9", 443, victim, null, true),
        };

        await Host(victim).Observe([lateral, fromInternet]);
        await Host(attacker).Observe([lateral]);

        var inbound = Assert.Single((await Host(victim).GetView()).Contacts);
        Assert.Equal((ContactDirection.Inbound, attacker, "T1021.002", lateral.Id), (inbound.Direction, inbound.Peer, inbound.Protocol, inbound.LastEvidence));
        var outbound = Assert.Single((await Host(attacker).GetView()).Contacts);
        Assert.Equal((ContactDirection.Outbound, victim), (outbound.Direction, outbound.Peer));
    }

    [Fact]
    public async Task A_user_grain_lists_every_host_the_account_was_seen_on()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var (a, b, c) = (TestAlerts.NewHost(), TestAlerts.NewHost(), TestAlerts.NewHost());
        var grain = fixture.Grains.GetGrain<IUserGrain>(TenantScoped.Key("t1", user));
        await grain.Witness([Logon(a, b, user, 10), Logon(a, c, user, 20, success: false)]);

        var view = await grain.GetView();
        Assert.True(view.Known);
        Assert.Equal(new[] { a, b, c }.Order(), view.Hosts.Select(h => h.Host).Order());
        Assert.Equal(1, view.Hosts.Single(h => h.Host == c).Failures);
        Assert.Equal(Start.AddMinutes(10), view.FirstSeen);
        Assert.False((await fixture.Grains.GetGrain<IUserGrain>(TenantScoped.Key("t2", user)).GetView()).Known);
    }

    [Fact]
    public async Task A_user_grain_keeps_a_cloud_sign_in_once_however_often_it_comes()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var grain = fixture.Grains.GetGrain<IUserGrain>(TenantScoped.Key("t1", user));
        var signIn = Logon("ignored", "ignored", user, 10) with
        {
            Source = "cloudtrail",
            Src = new EndpointSummary("192.0.2.0", null, null, null, false),
            Dst = null,
            Hosts = [],
        };
        var failed = signIn with { Id = Guid.NewGuid().ToString("N"), Kind = ContextEventKind.LogonFailed, Success = false, Time = Start.AddMinutes(12) };

        var first = await grain.Witness([signIn, failed, signIn]);
        var again = await grain.Witness([failed, signIn]);
        Assert.Equal([true, true, false], first);
        Assert.Equal([false, false], again);

        var view = await grain.GetView();
        Assert.Empty(view.Hosts);
        Assert.Equal(new UserSignIn("192.0.2.0", "cloudtrail", Start.AddMinutes(10), Start.AddMinutes(12), 1, 1), Assert.Single(view.SignIns));
        var facts = await grain.Facts(new UserFactsQuery(Start.AddHours(1), Start, Start.AddHours(1)));
        Assert.True(Assert.Single(facts.SignIns).FirstInWindow);
        Assert.Equal(0, facts.HostsInDayBefore);
        Assert.Empty((await fixture.Grains.GetGrain<IUserGrain>(TenantScoped.Key("t2", user)).GetView()).SignIns);
    }
}

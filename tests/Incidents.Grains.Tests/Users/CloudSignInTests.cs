using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Users;
using Incidents.Grains.Correlation;
using Incidents.Grains.Users;

namespace Incidents.Grains.Tests.Users;

/// <summary>An account's cloud sign-ins and the facts enrichment asks of it, as plain rules: state and events in, views out.</summary>
public sealed class CloudSignInTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private readonly UserState _state = new();
    private readonly UserRecord _record;

    public CloudSignInTests() => _record = new UserRecord(_state, new CorrelationOptions { UserSignInsKept = 3 }, "anaya");

    private static ContextSummary SignIn(string? ip, int minute, bool? success = true, string source = "cloudtrail") => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Fingerprint = Guid.NewGuid().ToString("N"),
        Source = source,
        Kind = success == false ? ContextEventKind.LogonFailed : ContextEventKind.Logon,
        Time = Start.AddMinutes(minute),
        Src = ip is null ? null : new EndpointSummary(ip, null, null, null, false),
        User = "anaya",
        Success = success,
        Hosts = [],
    };

    private static ContextSummary Logon(string host, int minute) => SignIn("10.0.0.7", minute) with { Source = "windows", Hosts = [host, "10.0.0.7"] };

    [Fact]
    public void Sign_ins_fold_by_address_and_provider_with_first_and_last_seen_and_outcomes()
    {
        var touched = _record.Witness([
            SignIn("192.0.2.0", 5), SignIn("192.0.2.0", 1), SignIn("192.0.2.0", 3, success: false),
            SignIn("192.0.2.0", 2, source: "okta"), SignIn("192.0.2.101", 4, success: null)]);

        Assert.Empty(touched); // no host: nothing to spread to
        var view = _record.View();
        Assert.True(view.Known);
        Assert.Empty(view.Hosts);
        Assert.Equal((Start.AddMinutes(1), Start.AddMinutes(5)), (view.FirstSeen, view.LastSeen));
        Assert.Equal(
            [
                new UserSignIn("192.0.2.0", "cloudtrail", Start.AddMinutes(1), Start.AddMinutes(5), 2, 1),
                new UserSignIn("192.0.2.0", "okta", Start.AddMinutes(2), Start.AddMinutes(2), 1, 0),
                // AssumeRole's "Other": a sign-in whose outcome was not given is neither.
                new UserSignIn("192.0.2.101", "cloudtrail", Start.AddMinutes(4), Start.AddMinutes(4), 0, 0),
            ],
            view.SignIns);
    }

    [Fact]
    public void Logons_on_internal_hosts_keep_their_hosts_and_no_sign_in()
    {
        var touched = _record.Witness([Logon("ws-1", 1), SignIn("192.0.2.0", 2)]);

        Assert.Equal(["10.0.0.7", "ws-1"], touched.Order(StringComparer.Ordinal));
        var view = _record.View();
        Assert.Equal(["ws-1", "10.0.0.7"], view.Hosts.Select(h => h.Host));
        Assert.Equal("192.0.2.0", Assert.Single(view.SignIns).Address);
    }

    [Fact]
    public void Past_the_bound_the_least_recently_seen_source_leaves()
    {
        _record.Witness([SignIn("192.0.2.1", 1), SignIn("192.0.2.2", 2), SignIn("192.0.2.3", 3), SignIn("192.0.2.1", 10)]);
        _record.Witness([SignIn("192.0.2.4", 4)]);

        Assert.Equal(["192.0.2.3", "192.0.2.4", "192.0.2.1"], _record.View().SignIns.OrderBy(s => s.LastSeen).Select(s => s.Address));
        Assert.Equal(3, _state.SignIns.Count);
    }

    [Theory]
    [InlineData("2001:DB8:0:0::1", "2001:db8::1")]
    [InlineData("::ffff:192.0.2.9", "::ffff:192.0.2.9")]
    [InlineData("not an address", null)]
    [InlineData("192.0.2.0/../../x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void An_address_is_kept_only_as_a_parsed_address(string? ip, string? kept)
    {
        _record.Witness([SignIn(ip, 1)]);

        var signIn = Assert.Single(_record.View().SignIns);
        Assert.Equal(kept, signIn.Address);
        Assert.Equal(1, signIn.Successes);
    }

    [Fact]
    public void Facts_count_the_days_hosts_and_say_which_sources_are_new_in_the_window()
    {
        var at = Start.AddHours(30);
        _record.Witness([
            Logon("old", 0), // last seen before the day
            Logon("spans", 60), Logon("spans", 60 * 40), // seen before the day and after it
            Logon("recent", 60 * 29),
            Logon("later", 60 * 31), // first seen after at
            SignIn("192.0.2.0", 10), SignIn("192.0.2.0", 60 * 29),
            SignIn("198.51.100.7", 60 * 29 + 30, success: false)]);

        var facts = _record.Facts(new UserFactsQuery(at, at.AddHours(-2), at.AddHours(2)));

        Assert.True(facts.Known);
        Assert.Equal("anaya", facts.Name);
        Assert.Equal((Start, Start.AddHours(40)), (facts.FirstSeen, facts.LastSeen));
        // "spans", "recent", and 10.0.0.7, the source of every logon, seen from the first to the last.
        Assert.Equal(3, facts.HostsInDayBefore);
        Assert.Equal(
            [("192.0.2.0", false), ("198.51.100.7", true)],
            facts.SignIns.Select(f => (f.SignIn.Address!, f.FirstInWindow)));
        Assert.Equal(1, facts.SignIns[1].SignIn.Failures);
    }

    [Fact]
    public void An_account_never_seen_has_no_facts()
    {
        var facts = _record.Facts(new UserFactsQuery(Start, Start, Start));

        Assert.Equal(("anaya", false, (DateTimeOffset?)null, (DateTimeOffset?)null, 0), (facts.Name, facts.Known, facts.FirstSeen, facts.LastSeen, facts.HostsInDayBefore));
        Assert.Empty(facts.SignIns);
        Assert.Empty(_record.View().SignIns);
    }
}

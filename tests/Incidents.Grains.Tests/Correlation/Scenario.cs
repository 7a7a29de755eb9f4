using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;

namespace Incidents.Grains.Tests.Correlation;

/// <summary>
/// One attack story in its own tenant: alerts and context events shaped as the front door hands them to grains
/// (every internal host named gets one call per batch; the destination is the primary host of a network alert),
/// and the incidents that result, read with a deadline because hosts tell each other one-way.
/// </summary>
internal sealed class Scenario(IGrainFactory grains)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private int _next;

    public string Tenant { get; } = $"t{Guid.NewGuid():N}";

    public static DateTimeOffset At(double minutes) => Start.AddMinutes(minutes);

    /// <summary>An alert on one host talking to the internet (a C2 beacon, a download).</summary>
    public AlertSummary Alert(string host, double minute, Severity severity = Severity.High, string external = "203.0.113.50", string? title = null)
    {
        var id = NextId();
        return new AlertSummary
        {
            Id = id,
            Fingerprint = id,
            Source = "suricata",
            Time = At(minute),
            Title = title ?? $"C2 beacon from {host}",
            Severity = severity,
            Category = "command-and-control",
            Protocol = "tcp",
            Src = Internal(host, 49_152),
            Dst = new EndpointSummary(external, 443, null, null, false),
            Hosts = [host],
        };
    }

    /// <summary>An alert on traffic from one internal host to another (SMB by default), as an IDS between them writes it.</summary>
    public AlertSummary Step(string from, string to, double minute, int port = 445, Severity severity = Severity.Medium, string? technique = "T1021.002")
    {
        var id = NextId();
        return new AlertSummary
        {
            Id = id,
            Fingerprint = id,
            Source = "suricata",
            Time = At(minute),
            Title = $"Lateral tool transfer {from} -> {to}",
            Severity = severity,
            Category = "lateral-movement",
            Technique = technique,
            Protocol = "tcp",
            Src = Internal(from, 50_000),
            Dst = Internal(to, port),
            Hosts = [to, from],
        };
    }

    public ContextSummary Logon(string from, string to, string user, double minute) => Context(
        ContextEventKind.Logon, from, to, minute, user, "windows", "logon type 3 (network)", port: null);

    /// <summary>A logon whose source is not an internal host (a console, a VPN address): the account is seen on one host only.</summary>
    public ContextSummary LocalLogon(string host, string user, double minute) => Context(
        ContextEventKind.Logon, null, host, minute, user, "windows", "logon type 2 (interactive)", port: null);

    public ContextSummary AdminShare(string from, string to, double minute) => Context(
        ContextEventKind.ShareMapping, from, to, minute, null, "smb", $@"\\{to}\ADMIN$", port: 445);

    public ContextSummary FileShare(string from, string to, double minute) => Context(
        ContextEventKind.ShareMapping, from, to, minute, null, "smb", $@"\\{to}\public", port: 445);

    public ContextSummary Connection(string from, string to, int port, double minute) => Context(
        ContextEventKind.Connection, from, to, minute, null, "tcp", "tcp SF", port);

    private ContextSummary Context(ContextEventKind kind, string? from, string to, double minute, string? user, string protocol, string detail, int? port)
    {
        var id = NextId();
        return new ContextSummary
        {
            Id = id,
            Fingerprint = id,
            Source = "test",
            Kind = kind,
            Time = At(minute),
            Src = from is null ? null : Internal(from, null),
            Dst = Internal(to, port),
            User = user,
            Protocol = protocol,
            Detail = detail,
            Success = true,
            Hosts = from is null ? [to] : [to, from],
        };
    }

    private static EndpointSummary Internal(string host, int? port) => new(null, port, host, null, true);

    private string NextId() => $"{Tenant[1..9]}{Interlocked.Increment(ref _next):x24}";

    public IHostGrain Host(string key) => grains.GetGrain<IHostGrain>(TenantScoped.Key(Tenant, key));

    public IIncidentGrain Incident(string id) => grains.GetGrain<IIncidentGrain>(TenantScoped.Key(Tenant, id));

    public IUserGrain User(string name) => grains.GetGrain<IUserGrain>(TenantScoped.Key(Tenant, name));

    /// <summary>One batch, delivered as the front door does: every host's grain called at once with the alerts naming it.</summary>
    public Task Post(params AlertSummary[] alerts) => Task.WhenAll(alerts
        .SelectMany(a => a.Hosts.Select(h => (Host: h, Alert: a)))
        .GroupBy(p => p.Host)
        .Select(g => Host(g.Key).Observe([.. g.Select(p => p.Alert)])));

    public Task Witness(params ContextSummary[] events) => Task.WhenAll(events
        .SelectMany(e => e.Hosts.Select(h => (Host: h, Event: e)))
        .GroupBy(p => p.Host)
        .Select(g => (Task)Host(g.Key).Witness([.. g.Select(p => p.Event)]))
        .Concat(events.Where(e => e.User is not null).GroupBy(e => e.User!).Select(g => User(g.Key).Witness([.. g]))));

    /// <summary>The incident that holds the host now (through merges), or null.</summary>
    public async Task<IncidentView?> IncidentOf(string host)
    {
        var id = (await Host(host).GetView()).OpenIncidentId;
        for (var hops = 0; id is not null && hops < 16; hops++)
        {
            var view = await Incident(id).GetView(1000);
            if (view?.MergedInto is null)
            {
                return view;
            }

            id = view.MergedInto;
        }

        return null;
    }

    /// <summary>Follows an incident's merges to the one that holds it now; fails on a cycle.</summary>
    public async Task<string> SurvivorOf(string id)
    {
        for (var hops = 0; hops < 16; hops++)
        {
            var view = await Incident(id).GetView(0);
            if (view!.MergedInto is null)
            {
                return id;
            }

            id = view.MergedInto;
        }

        throw new InvalidOperationException($"Merges of {id} form a chain longer than 16, or a cycle.");
    }

    /// <summary>Polls until <paramref name="done"/> holds, or fails with what was last seen.</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Not within {Deadline.TotalSeconds} s: {what}. Last seen: {Describe(value)}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Polls until one incident holds every one of <paramref name="hosts"/>, and returns it as read after that was
    /// seen: a view read before the last host joined would lack that host's alerts and steps.
    /// </summary>
    public Task<IncidentView?> OneIncidentHolding(params string[] hosts) => Eventually(
        async () => (await Task.WhenAll(hosts.Select(IncidentOf))) is var views
            && views[0] is { } first && views.All(v => v?.Summary.Id == first.Summary.Id)
            ? await Incident(first.Summary.Id).GetView(1000)
            : null,
        v => v is not null,
        $"one incident holding {string.Join(", ", hosts)}");

    public async Task<IReadOnlyList<IncidentSummary>> Incidents(IncidentStatus? status = null) =>
        (await IncidentIndex.Query(grains, Tenant, new IncidentQuery { Statuses = status is { } s ? [s] : [], Limit = 500 })).Items;

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing",
        IncidentView v => $"incident {v.Summary.Id} with hosts [{string.Join(", ", v.Hosts)}], steps [{string.Join(", ", v.LateralMovement.Select(e => $"{e.From}->{e.To}"))}]",
        _ => value.ToString() ?? "",
    };
}

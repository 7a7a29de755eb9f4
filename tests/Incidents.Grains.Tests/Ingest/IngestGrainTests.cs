using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Ingest;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;

namespace Incidents.Grains.Tests.Ingest;

[Collection(ClusterCollection.Name)]
public sealed class IngestGrainTests(ClusterFixture fixture)
{
    private IIngestGrain Ingest => fixture.Grains.GetGrain<IIngestGrain>(0);

    private IHostGrain Host(string key) => fixture.Grains.GetGrain<IHostGrain>(TenantScoped.Key("t1", key));

    [Fact]
    public async Task A_batch_reaches_every_host_it_names_and_counts_each_alert_once_by_its_primary_host()
    {
        var (primary, other) = (TestAlerts.NewHost(), TestAlerts.NewHost());
        var between = TestAlerts.On(primary, Severity.Low, minute: 1, otherHosts: other);
        var alone = TestAlerts.On(primary, Severity.Low, minute: 2);
        var batch = new IngestBatch("t1", [between, alone, between], []);

        Assert.Equal(new IngestCounts(2, 1), await Ingest.Deliver(batch, replay: false));
        Assert.Equal(2, (await Host(primary).GetView()).AlertCount);
        Assert.Equal(1, (await Host(other).GetView()).AlertCount);

        // The same batch again, as a client's retry or a journal replay: nothing new.
        Assert.Equal(new IngestCounts(0, 3), await Ingest.Deliver(batch, replay: false));
        Assert.Equal(new IngestCounts(0, 3), await Ingest.Deliver(batch, replay: true));
        Assert.Equal(2, (await Host(primary).GetView()).AlertCount);
    }

    [Fact]
    public async Task A_cloud_sign_in_reaches_only_its_account_which_counts_it_once()
    {
        var (user, host) = ($"cloud-{Guid.NewGuid():N}", TestAlerts.NewHost());
        var at = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        var signIn = new ContextSummary
        {
            Id = Guid.NewGuid().ToString("N"),
            Fingerprint = Guid.NewGuid().ToString("N"),
            Source = "cloudtrail",
            Kind = ContextEventKind.Logon,
            Time = at,
            Src = new EndpointSummary("192.0.2.0", null, null, null, false),
            User = user,
            Success = true,
            Hosts = [],
        };
        var again = signIn with { Id = Guid.NewGuid().ToString("N"), Time = at.AddMinutes(1) };
        var logon = signIn with { Id = Guid.NewGuid().ToString("N"), Source = "windows", Hosts = [host] };
        var batch = new IngestBatch("t1", [], [signIn, logon, again, signIn]);

        Assert.Equal(new IngestCounts(3, 1), await Ingest.Deliver(batch, replay: false));
        Assert.Equal(new IngestCounts(0, 4), await Ingest.Deliver(batch, replay: false));
        Assert.Equal(new IngestCounts(0, 4), await Ingest.Deliver(batch, replay: true));

        var view = await fixture.Grains.GetGrain<IUserGrain>(TenantScoped.Key("t1", user)).GetView();
        Assert.Equal([host], view.Hosts.Select(h => h.Host));
        Assert.Equal((at, at.AddMinutes(1)), (view.FirstSeen, view.LastSeen));
        Assert.False((await fixture.Grains.GetGrain<IUserGrain>(TenantScoped.Key("t2", user)).GetView()).Known);
    }

    [Fact]
    public async Task Many_batches_at_once_on_the_same_hosts_count_every_alert_exactly_once()
    {
        var hosts = Enumerable.Range(0, 20).Select(_ => TestAlerts.NewHost()).ToArray();
        var alerts = hosts.SelectMany(h => Enumerable.Range(0, 10).Select(i => TestAlerts.On(h, Severity.Low, i))).ToArray();
        new Random(3).Shuffle(alerts);

        // Every alert twice, in 40 batches delivered at once: the worker is reentrant, the hosts are not.
        var batches = alerts.Concat(alerts).Chunk(10).Select(chunk => new IngestBatch("t1", chunk, Array.Empty<ContextSummary>()));
        var counts = await Task.WhenAll(batches.Select(b => Ingest.Deliver(b, replay: false)));

        Assert.Equal(alerts.Length, counts.Sum(c => c.Accepted));
        Assert.Equal(alerts.Length, counts.Sum(c => c.Duplicates));
        foreach (var host in hosts)
        {
            Assert.Equal(10, (await Host(host).GetView()).AlertCount);
        }
    }
}

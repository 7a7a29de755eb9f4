using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Ingest;
using Incidents.Contracts.Tenants;

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

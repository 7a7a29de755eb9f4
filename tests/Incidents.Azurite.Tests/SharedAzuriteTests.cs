using System.Net;
using Azure;
using Azure.Data.Tables;

namespace Incidents.Azurite.Tests;

/// <summary>Tests that can share one Azurite: each uses its own table.</summary>
public sealed class SharedAzuriteTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteProcess _azurite = fixture.Azurite;

    [Fact]
    public async Task A_table_entity_written_is_read_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var table = await Storage.CreateTableAsync(_azurite, Storage.UniqueTableName(), ct);

        await table.AddEntityAsync(new TableEntity("tenant-1", "incident-42") { ["Title"] = "Beaconing to a rare domain", ["Severity"] = 3 }, ct);
        var read = (await table.GetEntityAsync<TableEntity>("tenant-1", "incident-42", cancellationToken: ct)).Value;

        Assert.Equal("Beaconing to a rare domain", read.GetString("Title"));
        Assert.Equal(3, read.GetInt32("Severity"));
        Assert.NotEqual(default, read.ETag);
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_refused()
    {
        // Orleans' table storage relies on optimistic concurrency: the emulator must enforce it too.
        var ct = TestContext.Current.CancellationToken;
        var table = await Storage.CreateTableAsync(_azurite, Storage.UniqueTableName(), ct);
        var added = await table.AddEntityAsync(new TableEntity("p", "r") { ["Version"] = 1 }, ct);
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Version"] = 2 }, added.Headers.ETag!.Value, TableUpdateMode.Replace, ct);

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(new TableEntity("p", "r") { ["Version"] = 3 }, added.Headers.ETag!.Value, TableUpdateMode.Replace, ct));

        Assert.Equal((int)HttpStatusCode.PreconditionFailed, stale.Status);
    }

    [Fact]
    public void The_connection_string_names_all_three_loopback_endpoints()
    {
        var parts = _azurite.ConnectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

        Assert.Equal("devstoreaccount1", parts["AccountName"]);
        Assert.Equal($"http://127.0.0.1:{_azurite.BlobPort}/devstoreaccount1", parts["BlobEndpoint"]);
        Assert.Equal($"http://127.0.0.1:{_azurite.QueuePort}/devstoreaccount1", parts["QueueEndpoint"]);
        Assert.Equal($"http://127.0.0.1:{_azurite.TablePort}/devstoreaccount1", parts["TableEndpoint"]);
        Assert.Equal(3, new[] { _azurite.BlobPort, _azurite.QueuePort, _azurite.TablePort }.Distinct().Count());
    }

    [Fact]
    public void Data_is_kept_on_disk_in_its_own_folder()
    {
        Assert.True(Directory.Exists(_azurite.DataDirectory));
        Assert.Contains(_azurite.DataDirectory, _azurite.CommandLine, StringComparison.Ordinal);
        Assert.DoesNotContain("--inMemoryPersistence", _azurite.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_Azurite_runs_side_by_side_with_its_own_ports_and_data()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var second = await AzuriteProcess.StartAsync(ct);

        int[] firstPorts = [_azurite.BlobPort, _azurite.QueuePort, _azurite.TablePort];
        int[] secondPorts = [second.BlobPort, second.QueuePort, second.TablePort];
        Assert.Empty(firstPorts.Intersect(secondPorts));
        Assert.NotEqual(_azurite.DataDirectory, second.DataDirectory);

        var name = Storage.UniqueTableName();
        var inSecond = await Storage.CreateTableAsync(second, name, ct);
        await inSecond.AddEntityAsync(new TableEntity("p", "r"), ct);

        var inFirst = new TableServiceClient(_azurite.ConnectionString).GetTableClient(name);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => inFirst.GetEntityAsync<TableEntity>("p", "r", cancellationToken: ct));
        Assert.Equal((int)HttpStatusCode.NotFound, missing.Status);
    }
}

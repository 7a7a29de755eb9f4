using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;

namespace Incidents.Azurite.Tests;

/// <summary>Tests that start and stop their own Azurite.</summary>
public sealed class AzuriteLifecycleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public void The_installed_script_is_found_from_the_library()
    {
        Assert.True(File.Exists(AzuriteInstall.ScriptPath));
        Assert.True(Path.IsPathFullyQualified(AzuriteInstall.ScriptPath));
        Assert.EndsWith(Path.Combine("node_modules", "azurite", "dist", "src", "azurite.js"), AzuriteInstall.ScriptPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_dispose_the_ports_refuse_connections_and_the_temp_folder_is_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        var azurite = await AzuriteProcess.StartAsync(ct);
        Assert.True(await Storage.AcceptsConnectionsAsync(azurite.TablePort, ct));

        await azurite.DisposeAsync();

        Assert.True(
            await Storage.EventuallyAsync(async () => !await Storage.AcceptsConnectionsAsync(azurite.TablePort, ct), Deadline, ct),
            $"Port {azurite.TablePort} still accepts connections after dispose.");
        Assert.False(await Storage.AcceptsConnectionsAsync(azurite.BlobPort, ct));
        Assert.False(Directory.Exists(azurite.DataDirectory));
    }

    [Fact]
    public async Task Data_in_a_kept_folder_outlives_a_restart_of_Azurite()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("incidents-azurite-test-").FullName;
        try
        {
            var name = Storage.UniqueTableName();
            await using (var first = await AzuriteProcess.StartAsync(new AzuriteOptions { DataDirectory = folder }, ct))
            {
                var table = await Storage.CreateTableAsync(first, name, ct);
                await table.AddEntityAsync(new TableEntity("tenant-1", "incident-1") { ["Title"] = "kept" }, ct);
            }

            // The dispose stopped Azurite gracefully, so it flushed its data files; a kept folder is not deleted.
            Assert.True(Directory.Exists(folder));
            await using var second = await AzuriteProcess.StartAsync(new AzuriteOptions { DataDirectory = folder }, ct);
            var read = await new TableServiceClient(second.ConnectionString).GetTableClient(name)
                .GetEntityAsync<TableEntity>("tenant-1", "incident-1", cancellationToken: ct);
            Assert.Equal("kept", read.Value.GetString("Title"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Fixed_ports_are_used_as_given()
    {
        var ct = TestContext.Current.CancellationToken;
        var ports = Storage.FreePorts(3);

        await using var azurite = await AzuriteProcess.StartAsync(
            new AzuriteOptions { BlobPort = ports[0], QueuePort = ports[1], TablePort = ports[2] }, ct);

        Assert.Equal(ports, new[] { azurite.BlobPort, azurite.QueuePort, azurite.TablePort });
        Assert.Contains($"TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fixed_port_already_taken_fails_with_Azurites_own_output()
    {
        var ct = TestContext.Current.CancellationToken;
        var ports = Storage.FreePorts(3);
        var squatter = new TcpListener(IPAddress.Loopback, ports[2]);
        squatter.Start();
        try
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => AzuriteProcess.StartAsync(
                new AzuriteOptions { BlobPort = ports[0], QueuePort = ports[1], TablePort = ports[2] }, ct));

            Assert.Contains("EADDRINUSE", failure.Message, StringComparison.Ordinal);
            Assert.Contains("exited with code", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            squatter.Stop();
        }
    }
}

using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;

namespace Incidents.Azurite.Tests;

internal static class Storage
{
    /// <summary>A table name no other test uses: letters and digits only, starting with a letter.</summary>
    public static string UniqueTableName() => "t" + Guid.NewGuid().ToString("N");

    public static async Task<TableClient> CreateTableAsync(AzuriteProcess azurite, string name, CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(name);
        await table.CreateIfNotExistsAsync(cancellationToken);
        return table;
    }

    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Polls until the condition holds or the deadline passes; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (stopwatch.Elapsed > deadline)
            {
                return false;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}

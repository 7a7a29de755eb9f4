using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Azure Storage clients, keyed by connection name, for Orleans' providers to find through their
/// <c>ServiceKey</c> setting (the shape Aspire.Hosting.Orleans configures).
/// </summary>
public static class AzureStorageClients
{
    /// <summary>The connection that holds Azure Table storage: grain state, membership, reminders.</summary>
    public const string Tables = "tables";

    /// <summary>The connection that holds Azure Blob storage: state that outgrows a table entity.</summary>
    public const string Blobs = "blobs";

    public static TBuilder AddAzureStorageClients<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(StorageClientOptions.Section).Get<StorageClientOptions>() ?? new();
        builder.Services.AddSingleton(options);
        if (builder.Configuration.GetConnectionString(Tables) is { Length: > 0 } tables)
        {
            builder.Services.AddKeyedSingleton(Tables, (_, _) => new TableServiceClient(tables, Configure(new TableClientOptions(), options)));
        }

        if (builder.Configuration.GetConnectionString(Blobs) is { Length: > 0 } blobs)
        {
            builder.Services.AddKeyedSingleton(Blobs, (_, _) => new BlobServiceClient(blobs, Configure(new BlobClientOptions(), options)));
        }

        return builder;
    }

    /// <summary>
    /// The SDKs' defaults (100 s a try, 3 retries backing off up to a minute) let one call take minutes when storage
    /// stalls; these bound it to under half a minute. Callers on a request's path put their own, shorter deadline over it.
    /// </summary>
    private static T Configure<T>(T client, StorageClientOptions options) where T : ClientOptions
    {
        client.Retry.Mode = RetryMode.Exponential;
        client.Retry.MaxRetries = options.MaxRetries;
        client.Retry.Delay = options.RetryDelay;
        client.Retry.MaxDelay = options.MaxRetryDelay;
        client.Retry.NetworkTimeout = options.NetworkTimeout;

        // A cap holds requests past it here, where giving up costs storage nothing, rather than in storage's own queue
        // (Azurite works through every request it was sent, abandoned or not). None by default: measured on Azurite, a
        // cap of 16 a process made grain activations wait past their try and no batch of new hosts got through.
        if (options.MaxConnections is { } max)
        {
            client.Transport = new HttpClientTransport(new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // as the SDK's own transport
                UseCookies = false,
                MaxConnectionsPerServer = max,
            });
        }

        return client;
    }
}

/// <summary>How every process calls Azure Storage (<c>Incidents:Storage</c>): per try, how often, how many at once.</summary>
public sealed class StorageClientOptions
{
    public const string Section = "Incidents:Storage";

    /// <summary>How long one try may take to send its request and get its answer before it is abandoned.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries after the first, for an answer that says to try again (timeouts, 5xx, 408, 429).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The first retry's wait, doubling after it. Not shorter than the SDK's: while storage is away, grains retry their
    /// writes on their own, and quicker failures made two silos spin hard enough that Azurite could not start again.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long a storage call made while a client waits (the ingest journal's write, the audit log, the health probe)
    /// may take in all, retries included, before the client is answered 503 with Retry-After.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Connections (so requests in flight) per storage endpoint from this process, if limited; the rest wait here.</summary>
    public int? MaxConnections { get; set; }
}

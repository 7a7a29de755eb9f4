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
        if (builder.Configuration.GetConnectionString(Tables) is { Length: > 0 } tables)
        {
            builder.Services.AddKeyedSingleton(Tables, (_, _) => new TableServiceClient(tables));
        }

        if (builder.Configuration.GetConnectionString(Blobs) is { Length: > 0 } blobs)
        {
            builder.Services.AddKeyedSingleton(Blobs, (_, _) => new BlobServiceClient(blobs));
        }

        return builder;
    }
}

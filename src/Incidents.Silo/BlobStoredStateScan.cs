using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Incidents.Grains.Storage;
using Incidents.Grains.Storage.Directory;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Incidents.Silo;

/// <summary>
/// Lists the entity state Orleans' Azure Blob storage holds for a tenant, for a directory shard created over storage
/// that was written before the directory existed: blobs are named <c>{state name}-{grain type}/{grain key}.json</c>, and
/// a grain key begins with its tenant. Once per shard in the installation's life; on a new tenant, one empty listing.
/// </summary>
internal sealed class BlobStoredStateScan(IOptionsMonitor<AzureBlobStorageOptions> options, IServiceProvider services) : IStoredStateScan
{
    public async IAsyncEnumerable<string> StoredGrains(string stateName, string grainType, string tenant,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Get(StorageNames.Incidents);
        var service = settings.BlobServiceClient ?? services.GetKeyedService<BlobServiceClient>(AzureStorageClients.Blobs)
            ?? throw new InvalidOperationException("No blob client for the entity state: the directory cannot list what is stored.");

        var container = service.GetBlobContainerClient(settings.ContainerName);
        var prefix = $"{stateName}-{grainType}/{tenant}/";
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            if (blob.Name.EndsWith(".json", StringComparison.Ordinal))
            {
                yield return blob.Name[(stateName.Length + 1)..^".json".Length];
            }
        }
    }
}

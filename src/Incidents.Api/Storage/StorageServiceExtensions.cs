using Azure.Storage.Blobs;

namespace Incidents.Api.Storage;

public static class StorageServiceExtensions
{
    /// <summary>Deadlines for the storage calls made on requests, their 503, and <c>/health</c> saying whether storage takes writes.</summary>
    public static IServiceCollection AddRequestStorage(this IServiceCollection services)
    {
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<StorageCalls>();
        services.AddSingleton(sp => sp.GetKeyedService<BlobServiceClient>(AzureStorageClients.Blobs) is { } blobs
            ? ActivatorUtilities.CreateInstance<StorageHealthCheck>(sp, blobs)
            : throw new InvalidOperationException(
                $"The storage health check needs blob storage: set ConnectionStrings:{AzureStorageClients.Blobs} (the AppHost does)."));
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        services.AddExceptionHandler<StorageUnavailableHandler>();
        return services;
    }
}

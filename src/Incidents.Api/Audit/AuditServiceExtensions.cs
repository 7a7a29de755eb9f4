using Azure.Storage.Blobs;

namespace Incidents.Api.Audit;

public static class AuditServiceExtensions
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services) =>
        services.AddSingleton(sp => sp.GetKeyedService<BlobServiceClient>(AzureStorageClients.Blobs) is { } blobs
            ? ActivatorUtilities.CreateInstance<AuditLog>(sp, blobs)
            : throw new InvalidOperationException(
                $"The audit log needs blob storage: set ConnectionStrings:{AzureStorageClients.Blobs} (the AppHost does)."));
}

using Incidents.Alerts;
using Incidents.Api.Alerts;
using Incidents.Api.Events;
using Incidents.Api.Journal;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Ingest;

public static class IngestServiceExtensions
{
    /// <summary>The normalisers, the intakes that prepare their output for the grains, the journal and the delivery.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section));
        services.AddSingleton(sp => new NormalizerOptions
        {
            InternalNetworks = sp.GetRequiredService<IOptions<IngestOptions>>().Value.InternalNetworks is { Count: > 0 } cidrs
                ? InternalNetworks.Parse(cidrs)
                : InternalNetworks.Default,
        });
        services.AddSingleton<AlertNormalizer>();
        services.AddSingleton<ContextEventNormalizer>();
        services.AddSingleton<IBatchIntake<AlertFormat, Alert>, AlertIntake>();
        services.AddSingleton<IBatchIntake<ContextEventFormat, ContextEvent>, EventIntake>();
        services.AddSingleton<IngestDelivery>();
        services.AddSingleton<IngestMetrics>();

        services.AddOptions<JournalOptions>().Bind(configuration.GetSection(JournalOptions.Section));
        services.AddSingleton(sp => sp.GetKeyedService<Azure.Storage.Blobs.BlobServiceClient>(AzureStorageClients.Blobs) is { } blobs
            ? ActivatorUtilities.CreateInstance<IngestJournal>(sp, blobs)
            : throw new InvalidOperationException(
                $"The ingest journal needs blob storage: set ConnectionStrings:{AzureStorageClients.Blobs} (the AppHost does)."));
        services.AddSingleton<IngestGate>();
        services.AddHostedService<JournalKeeper>();
        return services;
    }
}

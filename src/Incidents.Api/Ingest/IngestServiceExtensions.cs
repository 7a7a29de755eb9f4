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
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidation>();
        services.AddSingleton(sp =>
        {
            var ingest = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            return new NormalizerOptions
            {
                InternalNetworks = ingest.InternalNetworks is { Count: > 0 } cidrs ? InternalNetworks.Parse(cidrs) : InternalNetworks.Default,
                SourceTimeZones = SourceTimeZones.Parse(ingest.SourceTimeZones),
                KeepRaw = false, // read by nothing after normalising; the journal keeps the batches as received
            };
        });
        services.AddSingleton<AlertNormalizer>();
        services.AddSingleton<Assets.AddressNames>();
        services.AddSingleton<ContextEventNormalizer>();
        services.AddSingleton<IBatchIntake<AlertFormat, Alert>, AlertIntake>();
        services.AddSingleton<IBatchIntake<ContextEventFormat, ContextEvent>, EventIntake>();
        services.AddSingleton<IngestDelivery>();
        services.AddSingleton<IngestMetrics>();

        services.AddOptions<JournalOptions>().Bind(configuration.GetSection(JournalOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JournalOptions>, WriteBehindSafetyCheck>();
        services.AddSingleton(sp => sp.GetKeyedService<Azure.Storage.Blobs.BlobServiceClient>(AzureStorageClients.Blobs) is { } blobs
            ? ActivatorUtilities.CreateInstance<IngestJournal>(sp, blobs)
            : throw new InvalidOperationException(
                $"The ingest journal needs blob storage: set ConnectionStrings:{AzureStorageClients.Blobs} (the AppHost does)."));
        services.AddSingleton<IngestGate>();
        services.AddSingleton<JournalCatchUp>();
        services.AddHostedService<JournalKeeper>();

        // /health says 200 only once the entries the last run kept are replayed: every incident and count is there.
        services.AddHealthChecks().AddCheck<JournalCatchUpHealthCheck>("journal-catch-up");
        return services;
    }
}

using Incidents.Alerts;
using Incidents.Api.Alerts;
using Incidents.Api.Events;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Ingest;

public static class IngestServiceExtensions
{
    /// <summary>The normalisers and the intakes that take their output to the grains.</summary>
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
        return services;
    }
}

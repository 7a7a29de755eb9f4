using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Incidents.Grains;

public static class IncidentsSiloBuilderExtensions
{
    /// <summary>What every silo that hosts Incidents grains needs, whichever storage it runs on.</summary>
    public static ISiloBuilder AddIncidentGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<CorrelationOptions>().Bind(configuration.GetSection(CorrelationOptions.Section));
        silo.Services.AddOptions<Triage.TriageOptions>().Bind(configuration.GetSection(Triage.TriageOptions.Section));
        silo.Services.AddOptions<Enrichment.EnrichmentOptions>().Bind(configuration.GetSection(Enrichment.EnrichmentOptions.Section));
        silo.Services.AddOptions<Escalation.EscalationOptions>().Bind(configuration.GetSection(Escalation.EscalationOptions.Section));
        silo.Services.AddSingleton<Escalation.EscalationPolicyCopies>();
        silo.Services.AddSingleton<Enrichment.EnrichmentMetrics>();
        silo.Services.AddOptions<Response.ResponseStatsOptions>().Bind(configuration.GetSection(Contracts.Response.ResponseRetention.Section));
        silo.Services.AddSingleton<Response.ResponseMetrics>();
        silo.Services.AddSingleton<Enrichment.Enrichers.AssetReader>();
        silo.Services.AddSingleton<Enrichment.IEnricher, Enrichment.Enrichers.AssetEnricher>();
        silo.Services.AddSingleton<Enrichment.IEnricher, Enrichment.Enrichers.IntelEnricher>();
        silo.Services.AddSingleton<Enrichment.IEnricher, Enrichment.Enrichers.HistoryEnricher>();
        silo.Services.AddSingleton<Enrichment.IEnricher, Enrichment.Enrichers.BlastRadiusEnricher>();
        silo.Services.AddSingleton<Enrichment.IEnricher, Enrichment.Enrichers.IdentityEnricher>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddOptions<Runbooks.RunbookOptions>().Bind(configuration.GetSection(Runbooks.RunbookOptions.Section));
        silo.Services.TryAddSingleton(services => Runbooks.RunbookCatalog.Load(
            services.GetRequiredService<IOptions<Runbooks.RunbookOptions>>().Value.Resolved, services.GetRequiredService<ILoggerFactory>().CreateLogger<Runbooks.RunbookCatalog>()));
        silo.Services.AddHostedService<Runbooks.RunbookLoading>();
        silo.Services.AddSingleton<Triage.SuppressionCache>();
        silo.Services.AddSingleton<Triage.RuleKnowledgeCache>();
        silo.Services.AddSingleton<Triage.TriageTallies>();
        silo.Services.AddSingleton<Intel.IntelLookup>();
        silo.Services.AddSingleton<Assets.AssetLookup>();
        silo.Services.AddHostedService<Triage.TriageTallyFlusher>();
        silo.Services.AddOptions<Escalation.EscalationWebhookOptions>().Bind(configuration.GetSection(Escalation.EscalationWebhookOptions.Section));
        silo.Services.TryAddSingleton(services => Escalation.WebhookSecretKeys.Box(services.GetRequiredService<IOptions<Escalation.EscalationWebhookOptions>>().Value));
        silo.Services.AddSingleton<Escalation.EscalationMetrics>();
        silo.Services.AddSingleton<Escalation.WebhookSender>();
        silo.Services.AddSingleton<Escalation.WebhookDispatcher>();
        silo.Services.AddHostedService(services => services.GetRequiredService<Escalation.WebhookDispatcher>());
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<Correlation.CorrelationMetrics>();
        silo.Services.TryAddSingleton<Storage.AlertTextPool>();
        silo.Services.TryAddSingleton<Storage.StateWriteSlots>();
        silo.Services.AddKeyedSingleton<IGrainStorage>(Storage.StorageNames.Entities, (services, _) => new Storage.Directory.EntityGrainStorage(
            services.GetRequiredKeyedService<IGrainStorage>(Storage.StorageNames.Incidents), services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<Storage.StateWriteSlots>()));
        return silo;
    }
}

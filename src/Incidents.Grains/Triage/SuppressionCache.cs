using Incidents.Contracts.Triage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Triage;

/// <summary>
/// Each silo's copy of its tenants' suppressions, fetched again when older than
/// <see cref="TriageOptions.SuppressionRefresh"/>: hosts read it, so no alert waits on the tenant's suppressions grain,
/// and a change takes effect within that time. When the grain cannot answer in time, the last copy holds: an outage of
/// storage lets suppressed alerts through rather than stopping ingest.
/// </summary>
public sealed partial class SuppressionCache
{
    private readonly TenantCopies<IReadOnlyList<Suppression>> _copies;

    public SuppressionCache(IGrainFactory grains, TimeProvider time, IOptions<TriageOptions> options, ILogger<SuppressionCache> logger) =>
        _copies = new(
            async (tenant, _) => (await grains.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(tenant)).List()).Suppressions,
            [], time, () => options.Value.SuppressionRefresh, (tenant, e) => LogFetchFailed(logger, tenant, e.GetType().Name));

    public ValueTask<IReadOnlyList<Suppression>> For(string tenant) => _copies.For(tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suppressions of tenant {Tenant} not fetched ({Error}): the last copy holds")]
    private static partial void LogFetchFailed(ILogger logger, string tenant, string error);
}

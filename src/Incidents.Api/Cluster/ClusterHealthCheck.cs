using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Incidents.Api.Cluster;

/// <summary>
/// Healthy when the cluster answers: at least one silo is active. Orleans reads which silos are active from table
/// storage, so this check fails too while storage stalls; within 3 s either way, as /health must never hang.
/// </summary>
public sealed class ClusterHealthCheck(IClusterClient client) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken)
                .WaitAsync(Timeout, cancellationToken);
            return silos.Count > 0
                ? HealthCheckResult.Healthy($"{silos.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The cluster did not say which silos are active within 3 s.", e);
        }
    }
}

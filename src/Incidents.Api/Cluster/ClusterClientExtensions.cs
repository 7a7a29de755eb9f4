using Orleans.Dashboard;
using Orleans.Hosting;

namespace Incidents.Api.Cluster;

public static class ClusterClientExtensions
{
    /// <summary>
    /// Joins the cluster named by the <c>Orleans</c> configuration section as a client, retrying until the
    /// silos are there, so that the API may start before them.
    /// </summary>
    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        builder.AddAzureStorageClients();
        builder.UseOrleansClient(client => client
            .UseConnectionRetryFilter(async (exception, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            })
            .AddDashboard());
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
        return builder;
    }
}

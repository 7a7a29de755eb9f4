using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace Incidents.Api.Cluster;

public static class ClusterClientExtensions
{
    /// <summary>How long a grain call from the API may take before it is answered 503 (<c>Incidents:Cluster:ResponseTimeout</c>).</summary>
    public const string ResponseTimeoutKey = "Incidents:Cluster:ResponseTimeout";

    /// <summary>
    /// Joins the cluster named by the <c>Orleans</c> configuration section as a client, retrying until the
    /// silos are there, so that the API may start before them.
    /// </summary>
    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        builder.AddAzureStorageClients();

        // Orleans waits 30 s for an answer by default: a grain whose activation waits on stalled storage would hold the
        // request that long. Not much shorter than 10 s: calls take seconds while a joining silo takes grains over on a
        // busy machine, and a 503 then would only make the client send the batch again.
        var responseTimeout = builder.Configuration.GetValue(ResponseTimeoutKey, TimeSpan.FromSeconds(10));
        builder.UseOrleansClient(client => client
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout)
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

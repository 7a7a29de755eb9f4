using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;

namespace Incidents.Correlation.Benchmarks;

/// <summary>Reads what correlation made of the workload, as the API does: a host's incident, through merges.</summary>
internal sealed class Correlations(IGrainFactory grains, string tenant)
{
    private long _reads;

    /// <summary>Grain calls made by these reads so far: they are load on the cluster too.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public async Task<HostView> Host(string host)
    {
        Interlocked.Increment(ref _reads);
        return await grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, host)).GetView();
    }

    /// <summary>The incident that holds the host now (its open one, followed through merges), or null.</summary>
    public async Task<IncidentView?> IncidentOf(string host)
    {
        var id = (await Host(host)).OpenIncidentId;
        for (var hops = 0; id is not null && hops < 16; hops++)
        {
            Interlocked.Increment(ref _reads);
            var view = await grains.GetGrain<IIncidentGrain>(TenantScoped.Key(tenant, id)).GetView(alertLimit: 0);
            if (view?.MergedInto is null)
            {
                return view;
            }

            id = view.MergedInto;
        }

        return null;
    }

    public async Task<int> Count(IncidentStatus status)
    {
        Interlocked.Increment(ref _reads);
        return (await IncidentIndex.Query(grains, tenant, new IncidentQuery { Statuses = [status], Limit = 1 })).Total;
    }
}

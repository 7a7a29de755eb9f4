using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Intel;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Intel;

/// <summary>
/// One shard of a tenant's retro-hunt (<see cref="IIntelWatchGrain"/>): a shell around <see cref="IntelWatch"/>. Written
/// behind: a watch lost with a silo is made again when the incident's values are next enriched.
/// </summary>
public sealed class IntelWatchGrain(
    [PersistentState("intel-watch", StorageNames.Lists)] IPersistentState<IntelWatchState> state)
    : WriteBehindGrain<IntelWatchState>(state, TimeSpan.FromSeconds(5)), IIntelWatchGrain
{
    /// <summary>Values a shard watches: 1.28 million a tenant.</summary>
    public const int Capacity = 20_000;
    public const int IncidentsPerValue = 16;

    private IntelWatch _watch = null!;
    private string _tenant = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watch = new IntelWatch(State, Capacity, IncidentsPerValue);
        _tenant = TenantScoped.Split(this.GetPrimaryKeyString()).Tenant;
        return base.OnActivateAsync(cancellationToken);
    }

    public Task Watch(string incidentId, string[] keys) => _watch.Watch(incidentId, keys) ? StateChanged() : Task.CompletedTask;

    public Task Named(string[] keys)
    {
        Rehunt(_watch.Holding(keys));
        return Task.CompletedTask;
    }

    public Task NamedNetworks(string[] networks)
    {
        Rehunt(_watch.HoldingInside(networks));
        return Task.CompletedTask;
    }

    private void Rehunt(Dictionary<string, List<string>> incidents)
    {
        foreach (var (incident, keys) in incidents)
        {
            GrainFactory.GetGrain<IEnrichmentGrain>(TenantScoped.Key(_tenant, incident)).Rehunt([.. keys.Select(IntelBook.ValueOf)]).Ignore();
        }
    }
}

using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Triage;

/// <summary>
/// A tenant's suppressions, written before a change is answered. Hosts read them through a copy each silo refreshes
/// every few seconds, so no alert waits on this grain. Calls no grain.
/// </summary>
[Alias("Incidents.ISuppressionsGrain")]
public interface ISuppressionsGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("List")]
    Task<SuppressionSet> List();

    /// <summary>Stores it; null when the tenant already holds <see cref="SuppressionSet.MaxSuppressions"/>.</summary>
    [Alias("Add")]
    Task<Suppression?> Add(Suppression suppression);

    /// <summary>The suppression removed, or null when there was none by that id.</summary>
    [Alias("Remove")]
    Task<Suppression?> Remove(string id);

    /// <summary>Alerts each suppression suppressed since a silo's last batch, by suppression id.</summary>
    [Alias("Count")]
    Task Count(Dictionary<string, long> suppressed);
}

/// <summary>A tenant's suppressions, and a version that every change moves.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.SuppressionSet")]
public sealed record SuppressionSet(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<Suppression> Suppressions)
{
    /// <summary>Alerts each suppression suppressed across the estate (counted by each silo every few seconds), by id.</summary>
    [Id(2)] public IReadOnlyDictionary<string, long> Suppressed { get; init; } = new Dictionary<string, long>();

    public const int MaxSuppressions = 1_000;

    public static string Key(string tenant) => TenantScoped.Key(tenant, "suppressions");
}

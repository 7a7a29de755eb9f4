namespace Incidents.Contracts.Runbooks;

/// <summary>
/// The runbooks the silo loaded at start (the same for every tenant: they ship with the code), keyed
/// <see cref="RunbookList.Key"/>. A stateless worker on every silo; calls nothing.
/// </summary>
[Alias("Incidents.IRunbookGrain")]
public interface IRunbookGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("List")]
    Task<IReadOnlyList<Runbook>> List();
}

public static class RunbookList
{
    /// <summary>Not a tenant's: runbooks are the installation's.</summary>
    public const string Key = "runbooks";
}

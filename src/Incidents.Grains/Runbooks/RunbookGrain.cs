using Incidents.Contracts.Runbooks;

namespace Incidents.Grains.Runbooks;

/// <summary>Answers from its silo's <see cref="RunbookCatalog"/>, so that the API, which reads no files, can list them.</summary>
[StatelessWorker]
public sealed class RunbookGrain(RunbookCatalog catalog) : Grain, IRunbookGrain
{
    public Task<IReadOnlyList<Runbook>> List() => Task.FromResult(catalog.All);
}

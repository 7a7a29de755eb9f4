using Microsoft.Extensions.Hosting;

namespace Incidents.Grains.Runbooks;

/// <summary>Takes the <see cref="RunbookCatalog"/> when the silo starts, so that the files are read (and bad ones logged) then, not on an incident's first turn.</summary>
internal sealed class RunbookLoading(RunbookCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(catalog.All.Count);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

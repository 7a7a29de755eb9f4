using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Incidents.Api.Journal;

/// <summary>
/// Whether this API instance has replayed, once at start, the journal entries other instances left kept: the batches
/// of the run before a restart, whose grains may not have written what they made of them. Until then <c>/health</c>
/// is not 200, so that nothing routes readers here while incidents and counts may still be short.
/// </summary>
public sealed class JournalCatchUp
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDone => _done.Task.IsCompleted;

    /// <summary>Entries still to replay; for the health check's message.</summary>
    public int Remaining { get; internal set; } = -1;

    public Task Completed => _done.Task;

    internal void Done() => _done.TrySetResult();
}

/// <summary>Unhealthy until <see cref="JournalCatchUp"/> is done.</summary>
public sealed class JournalCatchUpHealthCheck(JournalCatchUp catchUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catchUp.IsDone
            ? HealthCheckResult.Healthy("The journal's kept entries are replayed.")
            : HealthCheckResult.Unhealthy(catchUp.Remaining < 0
                ? "Listing the journal's kept entries to replay."
                : $"Replaying the journal's kept entries: {catchUp.Remaining} to go."));
}

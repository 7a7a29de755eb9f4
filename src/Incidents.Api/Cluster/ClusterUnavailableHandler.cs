using Microsoft.AspNetCore.Diagnostics;

namespace Incidents.Api.Cluster;

/// <summary>
/// A cluster that cannot answer is the client's cue to retry, not a server bug: 503 with Retry-After.
/// Batches are idempotent (alerts are deduplicated), so a retry never counts an alert twice.
/// </summary>
/// <remarks>
/// Besides Orleans' own failures and its response timeout, a grain call comes back cancelled when the cluster gave up
/// on it: an activation whose state read outlasted its deadline, a message that expired waiting to be placed. That is
/// the cluster not answering too, unless it was the client that went away.
/// </remarks>
public sealed partial class ClusterUnavailableHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansException or TimeoutException or OperationCanceledException)
            || httpContext.RequestAborted.IsCancellationRequested)
        {
            return false;
        }

        LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        return await ServiceUnavailable.WriteAsync(problems, httpContext, exception, "The cluster is not answering",
            "Nothing in this request was lost that a retry will not restore; retry after the given delay.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster did not answer {Method} {Path}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, PathString path);
}

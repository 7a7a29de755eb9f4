using Microsoft.AspNetCore.Diagnostics;

namespace Incidents.Api.Journal;

/// <summary>Storage that does not take the journal entry means nothing was accepted: 503 with Retry-After.</summary>
public sealed partial class StorageUnavailableHandler(
    IProblemDetailsService problems, Ingest.IngestMetrics metrics, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not JournalUnavailableException)
        {
            return false;
        }

        LogUnavailable(logger, exception.InnerException ?? exception);
        metrics.Batch("storage-unavailable");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is not answering",
                Detail = "Nothing in this request was accepted; retry after the given delay.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ingest journal's storage did not take a batch")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}

using Incidents.Api.Journal;
using Microsoft.AspNetCore.Diagnostics;

namespace Incidents.Api.Storage;

/// <summary>Storage that did not answer a call made on the request in time: 503 with Retry-After, saying what did not happen.</summary>
public sealed partial class StorageUnavailableHandler(
    IProblemDetailsService problems, Ingest.IngestMetrics metrics, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException unavailable)
        {
            return false;
        }

        LogUnavailable(logger, unavailable.What, exception.InnerException ?? exception);
        if (exception is JournalUnavailableException)
        {
            metrics.Batch("storage-unavailable");
        }

        return await ServiceUnavailable.WriteAsync(problems, httpContext, exception, "Storage is not answering",
            $"{unavailable.What}; retry after the given delay.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage did not answer in time: {What}")]
    private static partial void LogUnavailable(ILogger logger, string what, Exception exception);
}

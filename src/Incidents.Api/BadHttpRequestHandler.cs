using Microsoft.AspNetCore.Diagnostics;

namespace Incidents.Api;

/// <summary>
/// A request Kestrel finds malformed while an endpoint reads its body — a broken chunk, a body past the size limit,
/// a body slower than the minimum data rate — is the client's fault, not a server error: it is answered with the
/// status Kestrel gave it (400, 408, 413), as problem details, where the default would be a 500.
/// </summary>
public sealed partial class BadHttpRequestHandler(IProblemDetailsService problems, ILogger<BadHttpRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        LogBadRequest(logger, bad.StatusCode, httpContext.Request.Method, httpContext.Request.Path, bad.Message);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status408RequestTimeout => "The body came too slowly",
                    StatusCodes.Status413PayloadTooLarge => "The body is too large",
                    _ => "The request is malformed",
                },

                // Kestrel's own words ("Bad chunk size data.", "Request body too large..."): about the request, never secrets.
                Detail = bad.Message,
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a malformed request with {Status}: {Method} {Path}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int status, string method, PathString path, string reason);
}

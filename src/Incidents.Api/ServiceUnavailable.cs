namespace Incidents.Api;

/// <summary>
/// The one way a dependency that did not answer in time is told to the client: 503, <c>Retry-After</c>, and a problem
/// that says what did not happen.
/// </summary>
internal static class ServiceUnavailable
{
    private const string RetryAfterSeconds = "5";

    public static ValueTask<bool> WriteAsync(IProblemDetailsService problems, HttpContext httpContext, Exception exception, string title, string detail)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail },
        });
    }
}

using Incidents.Api.Ingest;
using Incidents.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Importing;

/// <summary>What every import checks of its request: a media type it reads, and a body within the imports' limit.</summary>
public static class ImportRequest
{
    /// <summary>
    /// An import endpoint: tenant admins and ingest keys (automated feeds), the imports' own body limit, and the
    /// problems every import answers (400 unreadable, 413 too large, 415 not a media type it reads).
    /// </summary>
    public static RouteHandlerBuilder AsImport(this RouteHandlerBuilder route, IEndpointRouteBuilder routes) => route
        .RequireAuthorization(Roles.Ingest)
        .WithMetadata(new BodyLimit(routes.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value.MaxBodyBytes))
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The request's media type, lower case; a 415 naming what to send when it is not one of <paramref name="allowed"/>.</summary>
    public static ProblemHttpResult? Media(HttpRequest request, string[] allowed, string help, out string media)
    {
        media = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        return allowed.Contains(media, StringComparer.Ordinal)
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: help);
    }

    /// <summary>The body, or a 413 when it is past <see cref="ImportOptions.MaxBodyBytes"/> (read no further).</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, ProblemHttpResult? TooLarge)> BodyAsync(
        HttpRequest request, ImportOptions options, CancellationToken cancellationToken) =>
        await RequestBody.ReadAsync(request, options.MaxBodyBytes, cancellationToken) is { } body
            ? (body, null)
            : (default, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large",
                detail: $"An import is at most {options.MaxBodyBytes} bytes (Incidents:Imports:MaxBodyBytes); split it."));
}

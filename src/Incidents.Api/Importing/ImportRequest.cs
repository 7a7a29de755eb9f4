using Incidents.Api.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Importing;

/// <summary>What every import checks of its request: a media type it reads, and a body within the imports' limit.</summary>
public static class ImportRequest
{
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

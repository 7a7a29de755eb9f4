using System.Security.Claims;
using Incidents.Alerts;
using Incidents.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Incidents.Api.Alerts;

public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        var alerts = routes.MapGroup("/api/v1/alerts").WithTags("Alerts");
        alerts.MapPost("/", PostAlerts)
            .RequireAuthorization(Roles.Ingest)
            .WithSummary("Ingest alerts: a JSON array, one JSON object, or NDJSON, in any supported format.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return routes;
    }

    internal static async Task<Results<Accepted<IngestResult>, Ok<IngestResult>, ProblemHttpResult>> PostAlerts(
        HttpRequest request,
        ClaimsPrincipal user,
        AlertIntake intake,
        IOptions<IngestOptions> options,
        string? format,
        bool? dryRun,
        CancellationToken cancellationToken)
    {
        if (!TryParseForm(request.ContentType, out var form))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send application/json (one alert or an array) or application/x-ndjson, not '{request.ContentType}'.");
        }

        if (!TryParseFormat(format, out var alertFormat))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown format",
                $"'format' may be {string.Join(", ", Enum.GetNames<AlertFormat>().Select(n => n.ToLowerInvariant()))}; leave it out to detect each item's format.");
        }

        var limit = options.Value.MaxBodyBytes;
        if (await RequestBody.ReadAsync(request, limit, cancellationToken) is not { } body)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Batch too large",
                $"A batch may have at most {limit:N0} bytes; split it.");
        }

        IReadOnlyList<ReadOnlyMemory<byte>> items;
        try
        {
            items = AlertBatch.Split(body, form, options.Value.MaxItems);
        }
        catch (BatchFormatException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not a batch of alerts", e.Message);
        }

        var (alerts, _, rejected) = intake.Normalize(items, alertFormat);
        if (dryRun == true)
        {
            return TypedResults.Ok(new IngestResult(alerts.Count, 0, rejected) { Alerts = alerts });
        }

        var (accepted, duplicates) = await intake.Store(user.Tenant(), alerts);
        return TypedResults.Accepted((string?)null, new IngestResult(accepted, duplicates, rejected));
    }

    private static bool TryParseForm(string? contentType, out BatchForm form)
    {
        form = BatchForm.Json;
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value ?? "";
        if (type.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/ndjson", StringComparison.OrdinalIgnoreCase))
        {
            form = BatchForm.NdJson;
            return true;
        }

        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParseFormat(string? text, out AlertFormat format)
    {
        format = AlertFormat.Auto;
        return string.IsNullOrEmpty(text)
            || (Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(text, out _));
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

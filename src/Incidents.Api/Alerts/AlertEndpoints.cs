using System.Security.Claims;
using Incidents.Alerts;
using Incidents.Api.Ingest;
using Incidents.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
        if (!BatchRequest.TryParseFormat<AlertFormat>(format, out var alertFormat, out var badFormat))
        {
            return badFormat!;
        }

        var (items, problem) = await BatchRequest.ReadAsync(request, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (alerts, rejected) = intake.Normalize(items!, alertFormat);
        if (dryRun == true)
        {
            return TypedResults.Ok(new IngestResult(alerts.Count, 0, rejected) { Alerts = alerts });
        }

        var (accepted, duplicates) = await intake.Store(user.Tenant(), alerts);
        return TypedResults.Accepted((string?)null, new IngestResult(accepted, duplicates, rejected));
    }
}

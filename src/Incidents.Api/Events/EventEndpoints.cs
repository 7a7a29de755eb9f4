using System.Security.Claims;
using Incidents.Alerts;
using Incidents.Api.Ingest;
using Incidents.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Events;

public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        var events = routes.MapGroup("/api/v1/events").WithTags("Events");
        events.MapPost("/", PostEvents)
            .RequireAuthorization(Roles.Ingest)
            .WithSummary("Ingest context events (logons, connections, share mappings, RPC calls): they inform hosts and users, and never open an incident.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return routes;
    }

    internal static async Task<Results<Accepted<IngestResult>, Ok<IngestResult>, ProblemHttpResult>> PostEvents(
        HttpRequest request,
        ClaimsPrincipal user,
        EventIntake intake,
        IOptions<IngestOptions> options,
        string? format,
        bool? dryRun,
        CancellationToken cancellationToken)
    {
        if (!BatchRequest.TryParseFormat<ContextEventFormat>(format, out var eventFormat, out var badFormat))
        {
            return badFormat!;
        }

        var (items, problem) = await BatchRequest.ReadAsync(request, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (events, rejected) = intake.Normalize(items!, eventFormat);
        if (dryRun == true)
        {
            return TypedResults.Ok(new IngestResult(events.Count, 0, rejected) { Events = events });
        }

        var (accepted, duplicates) = await intake.Store(user.Tenant(), events);
        return TypedResults.Accepted((string?)null, new IngestResult(accepted, duplicates, rejected));
    }
}

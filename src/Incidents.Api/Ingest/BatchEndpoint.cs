using System.Security.Claims;
using Incidents.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Ingest;

/// <summary>The front door's one way of taking a batch, whatever its items are.</summary>
internal static class BatchEndpoint
{
    public static RouteHandlerBuilder MapBatchPost<TFormat, TItem>(this RouteGroupBuilder group, string summary)
        where TFormat : struct, Enum =>
        group.MapPost("/", Post<TFormat, TItem>)
            .RequireAuthorization(Roles.Ingest)
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Results<Accepted<IngestResult>, Ok<IngestResult>, ProblemHttpResult>> Post<TFormat, TItem>(
        HttpRequest request,
        ClaimsPrincipal user,
        IBatchIntake<TFormat, TItem> intake,
        IOptions<IngestOptions> options,
        string? format,
        bool? dryRun,
        CancellationToken cancellationToken)
        where TFormat : struct, Enum
    {
        if (!BatchRequest.TryParseFormat<TFormat>(format, out var itemFormat, out var badFormat))
        {
            return badFormat!;
        }

        var (body, problem) = await BatchRequest.ReadAsync(request, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (items, rejected) = intake.Normalize(body!, itemFormat);
        if (dryRun == true)
        {
            return TypedResults.Ok(intake.DryRun(items, rejected));
        }

        var (accepted, duplicates) = await intake.Store(user.Tenant(), items);
        return TypedResults.Accepted((string?)null, new IngestResult(accepted, duplicates, rejected));
    }
}

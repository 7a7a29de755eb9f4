using System.Security.Claims;
using Incidents.Api.Journal;
using Incidents.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Ingest;

/// <summary>The front door's one way of taking a batch, whatever its items are.</summary>
internal static class BatchEndpoint
{
    public static RouteHandlerBuilder MapBatchPost<TFormat, TItem>(this RouteGroupBuilder group, string summary)
        where TFormat : struct, Enum
    {
        var limit = ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<IngestOptions>>().Value.MaxBodyBytes;
        return group.MapPost("/", Post<TFormat, TItem>)
            .RequireAuthorization(Roles.Ingest)
            .WithMetadata(new BodyLimit(limit))
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Accepted<IngestResult>, Ok<IngestResult>, ProblemHttpResult>> Post<TFormat, TItem>(
        HttpRequest request,
        ClaimsPrincipal user,
        IBatchIntake<TFormat, TItem> intake,
        IngestJournal journal,
        IngestDelivery delivery,
        IngestGate gate,
        IngestMetrics metrics,
        Assets.AddressNames addresses,
        TimeProvider time,
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

        var kind = intake.Kind;
        if (items.Count == 0)
        {
            metrics.Items(kind, 0, 0, rejected.Count);
            return TypedResults.Accepted((string?)null, new IngestResult(0, 0, rejected));
        }

        var started = time.GetTimestamp();
        using var slot = await gate.Enter(user.Tenant(), cancellationToken);
        if (slot is null)
        {
            metrics.Batch("busy");
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many batches at once",
                detail: "This instance is taking as many batches as it can, or as many of your tenant's as it takes at once; retry after the given delay.");
        }

        // Durable first: once the journal has the batch, a crash anywhere after it loses nothing a replay won't restore.
        // Hosts named by an address the inventory knows are named as it names them: before the journal, so a replay agrees.
        var batch = await addresses.Resolve(intake.Prepare(user.Tenant(), items), cancellationToken);
        var entry = await journal.Write(batch, cancellationToken);
        var (accepted, duplicates) = await delivery.Deliver(batch);
        journal.Delivered(entry);
        metrics.Batch("acknowledged");
        metrics.Items(kind, accepted, duplicates, rejected.Count);
        metrics.Duration(time.GetElapsedTime(started));
        return TypedResults.Accepted((string?)null, new IngestResult(accepted, duplicates, rejected));
    }
}

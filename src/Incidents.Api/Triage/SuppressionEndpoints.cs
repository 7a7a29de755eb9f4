using System.Security.Claims;
using System.Security.Cryptography;
using Incidents.Api.Audit;
using Incidents.Api.Security;
using Incidents.Contracts.Triage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Triage;

/// <summary>
/// A tenant's suppressions: analysts read them, tenant admins add and remove them, each change in the audit log.
/// A change reaches every silo within <c>Incidents:Triage:SuppressionRefresh</c> (5 s).
/// </summary>
public static class SuppressionEndpoints
{
    public static IEndpointRouteBuilder MapSuppressionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/triage/suppressions").WithTags("Triage");
        group.MapGet("/", List).RequireAuthorization(Roles.Analyst)
            .WithSummary("The tenant's suppressions, and a version every change moves.");
        group.MapPost("/", Add).RequireAuthorization(Roles.Admin)
            .WithSummary("Adds a suppression: every field given (ruleId, title with * for any text, source or destination "
                + "address or CIDR, host, user, observable as kind:value) must match; a reason is required; expiresAt is optional. "
                + "Matching alerts open nothing, unless their technique is lateral movement.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", Remove).RequireAuthorization(Roles.Admin)
            .WithSummary("Removes a suppression; alerts from then on are triaged without it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Ok<SuppressionSet>> List(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(user.Tenant())).List());

    internal static async Task<Results<Created<Suppression>, ProblemHttpResult>> Add(
        SuppressionRequest? body, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var (suppression, problem) = SuppressionRequests.Check(body, id, user.Actor(), now);
        if (suppression is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a suppression", detail: problem);
        }

        var tenant = user.Tenant();
        if (await grains.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(tenant)).Add(suppression) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many suppressions",
                detail: $"A tenant holds at most {SuppressionSet.MaxSuppressions}; remove some first.");
        }

        await audit.Append(tenant, suppression.Author, "triage.suppression.add", id, SuppressionRequests.Describe(suppression), cancellationToken);
        return TypedResults.Created($"/api/v1/triage/suppressions/{id}", suppression);
    }

    internal static async Task<Results<Ok<Suppression>, ProblemHttpResult>> Remove(
        string id, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        var removed = SuppressionRequests.IsId(id) ? await grains.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(tenant)).Remove(id) : null;
        if (removed is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such suppression",
                detail: "No suppression of this tenant has that id.");
        }

        await audit.Append(tenant, user.Actor(), "triage.suppression.remove", id, SuppressionRequests.Describe(removed), cancellationToken);
        return TypedResults.Ok(removed);
    }
}

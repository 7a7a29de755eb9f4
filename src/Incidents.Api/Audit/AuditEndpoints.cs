using System.Security.Claims;
using Incidents.Api.Security;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Audit;

public static class AuditEndpoints
{
    private const int MaxLimit = 1_000;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        var audit = routes.MapGroup("/api/v1/audit").WithTags("Administration").RequireAuthorization(Roles.Admin);
        audit.MapGet("/", Newest)
            .WithSummary("The tenant's audit log, newest first: who changed what, when. Read-only: nothing in the API edits it. "
                + "Installation admins may name any tenant with ?tenantId=.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> Newest(
        ClaimsPrincipal user, AuditLog audit, string? tenantId, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad limit", detail: $"'limit' is 1 to {MaxLimit}.");
        }

        // A tenant's admin reads its own log, whatever tenantId says: another tenant's log is not there for them.
        var tenant = user.IsInRole(Roles.InstallationAdmin) && !string.IsNullOrEmpty(tenantId) ? tenantId : user.Tenant();
        if (!TenantIds.IsValid(tenant))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a tenant id", detail: "'tenantId' is a tenant's id.");
        }

        return TypedResults.Ok(await audit.Newest(tenant, limit ?? 100, cancellationToken));
    }
}

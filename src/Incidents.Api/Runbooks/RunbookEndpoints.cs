using Incidents.Api.Security;
using Incidents.Contracts.Runbooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Runbooks;

public static class RunbookEndpoints
{
    public static IEndpointRouteBuilder MapRunbookEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/runbooks", List).RequireAuthorization(Roles.Analyst).WithTags("Runbooks")
            .WithSummary("The runbooks the silos loaded (runbooks/{category}.md): each category's title and steps, which become the tasks of incidents of that category (default: an incident none of whose categories has one).");
        return routes;
    }

    // The installation's, not a tenant's: they ship with the code, so every tenant sees the same.
    internal static async Task<Ok<IReadOnlyList<Runbook>>> List(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IRunbookGrain>(RunbookList.Key).List());
}

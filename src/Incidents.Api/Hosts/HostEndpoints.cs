using System.Security.Claims;
using Incidents.Api.Security;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Hosts;

public static class HostEndpoints
{
    public static IEndpointRouteBuilder MapHostEndpoints(this IEndpointRouteBuilder routes)
    {
        var hosts = routes.MapGroup("/api/v1/hosts").WithTags("Hosts").RequireAuthorization(Roles.Analyst);
        hosts.MapGet("/{key}", GetHost)
            .WithSummary("What a host's grain knows: its newest alerts, its open incident, when it was first and last seen.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Results<Ok<HostView>, ProblemHttpResult>> GetHost(ClaimsPrincipal user, IGrainFactory grains, string key)
    {
        if (HostKeys.TryNormalize(key, out var hostKey)
            && await grains.GetGrain<IHostGrain>(TenantScoped.Key(user.Tenant(), hostKey)).GetView() is { Known: true } view)
        {
            return TypedResults.Ok(view);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such host",
            detail: "No alert has named this host.");
    }
}

using System.Security.Claims;
using Incidents.Api.Security;
using Incidents.Contracts.Tenants;
using Incidents.Contracts.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Users;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Roles.Analyst);
        users.MapGet("/{name}", GetUser)
            .WithSummary("What a user's grain knows: the hosts the account was seen on, first and last, and where it signed in from through cloud identity providers.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetUser(ClaimsPrincipal user, IGrainFactory grains, string name)
    {
        // Accounts are keyed lowercase, as `user` or `domain\user`.
        var key = name.Trim().ToLowerInvariant();
        if (key.Length > 0 && EntityKeys.IsValidName(key)
            && await grains.GetGrain<IUserGrain>(TenantScoped.Key(user.Tenant(), key)).GetView() is { Known: true } view)
        {
            return TypedResults.Ok(view);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such user",
            detail: "No event has named this account.");
    }
}

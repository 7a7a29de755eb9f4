using System.Security.Claims;
using System.Text.RegularExpressions;
using Incidents.Api.Audit;
using Incidents.Api.Security;
using Incidents.Contracts.Access;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Access;

/// <summary>Tenants, as the installation's administrators manage them.</summary>
public static partial class TenantEndpoints
{
    public static IEndpointRouteBuilder MapTenantEndpoints(this IEndpointRouteBuilder routes)
    {
        var tenants = routes.MapGroup("/api/v1/admin/tenants").WithTags("Administration").RequireAuthorization(Roles.InstallationAdmin);
        tenants.MapPost("/", AddTenant)
            .WithSummary("Adds a tenant: its id (from the name unless given: a–z, 0–9 and '-') starts every key of its data.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        tenants.MapGet("/", ListTenants).WithSummary("Every tenant, the default one first.");
        return routes;
    }

    public sealed record NewTenant(string? Name, string? Id);

    internal static async Task<Results<Created<Tenant>, ProblemHttpResult>> AddTenant(
        NewTenant? body, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = body?.Name?.Trim();
        if (!DisplayNames.IsValid(name))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A tenant needs a name",
                detail: $"'name': {DisplayNames.Rule}");
        }

        var id = body!.Id ?? Slug(name!);
        if (!TenantIds.IsValid(id))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a tenant id",
                detail: "'id': 2 to 40 of a–z, 0–9 and '-', starting with a letter or digit.");
        }

        var tenant = new Tenant(id, name!, time.GetUtcNow(), user.Actor());
        if (await grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Installation).AddTenant(tenant) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The tenant exists",
                detail: $"There is a tenant '{id}' already (or the installation holds its limit of tenants); give another 'id'.");
        }

        await audit.Append(id, user.Actor(), "tenant.added", id, name, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/tenants/{id}", tenant);
    }

    internal static async Task<Ok<IReadOnlyList<Tenant>>> ListTenants(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Installation).Tenants());

    private static string Slug(string name)
    {
        var slug = NotSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}

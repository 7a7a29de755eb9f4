using System.Security.Claims;
using Incidents.Api.Audit;
using Incidents.Api.Security;
using Incidents.Contracts.Access;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Access;

/// <summary>API keys, as the installation's administrators issue and revoke them. A key's secret is answered once, at issue.</summary>
public static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/api/v1/admin/keys").WithTags("Administration").RequireAuthorization(Roles.InstallationAdmin);
        keys.MapPost("/", IssueKey)
            .WithSummary("Issues a key for a tenant and role, with an optional expiry; the answer holds the secret, shown this once.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        keys.MapGet("/", ListKeys).WithSummary("Issued keys (of one tenant with ?tenantId=), without secrets.");
        keys.MapDelete("/{id}", RevokeKey)
            .WithSummary("Revokes a key: from the next request on, no API instance accepts it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public sealed record NewKey(string? TenantId, string? Role, DateTimeOffset? Expires, string? Name);

    /// <summary>The issued key and, this once, its secret.</summary>
    public sealed record IssuedKey(string Id, string Key, string TenantId, string Role, string? Name, DateTimeOffset Created, DateTimeOffset? Expires);

    internal static async Task<Results<Created<IssuedKey>, ProblemHttpResult>> IssueKey(
        NewKey? body, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var refusal = body switch
        {
            null or { TenantId: null or "" } => "'tenantId' names the tenant the key is for.",
            { TenantId: var tenantId } when !TenantIds.IsValid(tenantId) => "'tenantId' is a tenant's id: 2 to 40 of a–z, 0–9 and '-'.",
            { Role: var role } when role is null || !Roles.All.Contains(role) => $"'role' is one of {string.Join(", ", Roles.All)}.",
            { Expires: { } expires } when expires <= now => "'expires' is in the past.",
            { Name: { } name } when !DisplayNames.IsValid(name) => $"'name': {DisplayNames.Rule}",
            _ => null,
        };
        if (refusal is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Cannot issue that key", detail: refusal);
        }

        var (id, secret) = IssuedKeys.Create();
        var info = new ApiKeyInfo(id, body!.TenantId!, body.Role!, body.Name, now, user.Actor(), body.Expires, Revoked: null);
        var issue = await grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Installation).IssueKey(info, ApiKeyStore.Hash(secret));
        if (issue.Key is not { } key)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Cannot issue that key", detail: issue.Refusal);
        }

        await audit.Append(key.TenantId, user.Actor(), "key.issued", key.Id, $"role {key.Role}{(key.Expires is { } e ? $", expires {e:O}" : "")}", cancellationToken);
        return TypedResults.Created($"/api/v1/admin/keys/{key.Id}",
            new IssuedKey(key.Id, secret, key.TenantId, key.Role, key.Name, key.Created, key.Expires));
    }

    internal static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListKeys(IGrainFactory grains, string? tenantId) =>
        TypedResults.Ok(await grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Installation).Keys(tenantId));

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string id, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Installation).RevokeKey(id, time.GetUtcNow()) is not { } key)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such key", detail: "No key was issued with this id.");
        }

        await audit.Append(key.TenantId, user.Actor(), "key.revoked", key.Id, null, cancellationToken);
        return TypedResults.NoContent();
    }
}

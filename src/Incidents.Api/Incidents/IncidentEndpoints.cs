using System.Security.Claims;
using Incidents.Api.Hosts;
using Incidents.Api.Security;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Incidents;

public static class IncidentEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;
    private const int MaxMergeHops = 16;

    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder routes)
    {
        var incidents = routes.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(Roles.Analyst);
        incidents.MapGet("/", ListIncidents)
            .WithSummary("Incidents, most recently active first; filter by host (the incident that holds it comes first) and status (merged ones only when asked for).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        incidents.MapGet("/{id}", GetIncident)
            .WithSummary("One incident: its hosts, users, lateral movement, newest alerts and timeline; mergedInto when it was merged.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Results<Ok<IReadOnlyList<IncidentSummary>>, ProblemHttpResult>> ListIncidents(
        ClaimsPrincipal user, IGrainFactory grains, string? host, string? status, int? limit)
    {
        IncidentStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!EnumNames.TryParse<IncidentStatus>(status, out var parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown status",
                    detail: $"'status' may be {string.Join(", ", Enum.GetNames<IncidentStatus>().Select(n => n.ToLowerInvariant()))}.");
            }

            wanted = parsed;
        }

        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Limit out of range",
                detail: $"'limit' is from 1 to {MaxLimit}.");
        }

        string? hostKey = null;
        if (!string.IsNullOrEmpty(host) && !HostKeys.TryNormalize(host, out hostKey))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a host name or address",
                detail: HostKeys.Rule);
        }

        var tenant = user.Tenant();
        var listed = await grains.GetGrain<IIncidentListGrain>(TenantIds.Checked(tenant)).Query(new IncidentQuery(hostKey, wanted, limit ?? DefaultLimit));
        if (hostKey is null)
        {
            return TypedResults.Ok(listed);
        }

        // A summary names only its first hosts; the host's own grain knows the incident that holds it.
        var held = await HeldBy(grains, tenant, hostKey);
        if (held is null || (wanted is { } w && held.Status != w) || listed.Any(i => i.Id == held.Id))
        {
            return TypedResults.Ok(listed);
        }

        IReadOnlyList<IncidentSummary> withHeld = [held, .. listed.Take((limit ?? DefaultLimit) - 1)];
        return TypedResults.Ok(withHeld);
    }

    /// <summary>The incident a host's grain is in, followed through merges to the one that holds it now.</summary>
    private static async Task<IncidentSummary?> HeldBy(IGrainFactory grains, string tenant, string hostKey)
    {
        var id = (await grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, hostKey)).GetView()).OpenIncidentId;
        for (var hops = 0; id is not null && hops < MaxMergeHops; hops++)
        {
            var view = await grains.GetGrain<IIncidentGrain>(TenantScoped.Key(tenant, id)).GetView(0);
            if (view?.MergedInto is null)
            {
                return view?.Summary;
            }

            id = view.MergedInto;
        }

        return null;
    }

    internal static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> GetIncident(
        ClaimsPrincipal user, IGrainFactory grains, HttpResponse response, string id, int? alerts)
    {
        if (!IncidentIds.IsValid(id) || alerts is < 0 or > MaxLimit)
        {
            return NotFound(id);
        }

        var view = await grains.GetGrain<IIncidentGrain>(TenantScoped.Key(user.Tenant(), id)).GetView(alerts ?? 100);
        if (view is null)
        {
            return NotFound(id);
        }

        response.Headers.ETag = Versions.ETag(view.Summary.Version);
        return TypedResults.Ok(view);
    }

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such incident",
            detail: $"There is no incident '{Truncate(id)}'.");

    private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}

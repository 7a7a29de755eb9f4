using System.Security.Claims;
using Incidents.Api.Hosts;
using Incidents.Api.Security;
using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Incidents;

public static class IncidentEndpoints
{
    private const int MaxAlerts = 500;

    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder routes)
    {
        var incidents = routes.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(Roles.Analyst);
        incidents.MapGet("/{id}", GetIncident)
            .WithSummary("One incident: its hosts, users, lateral movement, newest alerts and timeline; mergedInto when it was merged.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> GetIncident(
        ClaimsPrincipal user, IGrainFactory grains, HttpResponse response, string id, int? alerts)
    {
        if (!IncidentIds.IsValid(id) || alerts is < 0 or > MaxAlerts)
        {
            return NotFound(id);
        }

        var key = TenantScoped.Key(user.Tenant(), id);
        var viewing = grains.GetGrain<IIncidentGrain>(key).GetView(alerts ?? 100);
        var enrichment = grains.GetGrain<IEnrichmentGrain>(key).GetView(); // together: the incident never waits on it
        if (await viewing is not { } view)
        {
            return NotFound(id);
        }

        var enriched = await enrichment;
        view = view with { Enrichment = enriched, BlastRadius = enriched.BlastRadius };

        response.Headers.ETag = Versions.ETag(view.Summary.Version);
        return TypedResults.Ok(view);
    }

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such incident",
            detail: $"There is no incident '{Truncate(id)}'.");

    private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}

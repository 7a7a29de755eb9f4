using System.Security.Claims;
using Incidents.Api.Security;
using Incidents.Contracts.Enrichment;

namespace Incidents.Api.Enrichment;

public static class EnrichmentEndpoints
{
    public static IEndpointRouteBuilder MapEnrichmentEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/metrics/enrichment", Metrics).RequireAuthorization(Roles.Analyst).WithTags("Enrichment")
            .WithSummary("Time-to-enrichment (from an incident's opening to its first complete enrichment) over the tenant's newest incidents, p50/p90/p99, and enricher runs by outcome.");
        return routes;
    }

    internal static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<EnrichmentStatsView>> Metrics(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IEnrichmentStatsGrain>(EnrichmentStats.Key(user.Tenant())).GetView());
}

using Incidents.Alerts;
using Incidents.Api.Ingest;

namespace Incidents.Api.Events;

public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/events").WithTags("Events")
            .MapBatchPost<ContextEventFormat, ContextEvent>(
                "Ingest context events (logons, connections, share mappings, RPC calls): they inform hosts and users, and never open an incident. A sign-in that names an account and no internal host (a cloud identity provider's) is kept on the account alone.");
        return routes;
    }
}

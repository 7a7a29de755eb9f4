using Incidents.Alerts;
using Incidents.Api.Ingest;

namespace Incidents.Api.Alerts;

public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/alerts").WithTags("Alerts")
            .MapBatchPost<AlertFormat, Alert>("Ingest alerts: a JSON array, one JSON object, or NDJSON, in any supported format.");
        return routes;
    }
}

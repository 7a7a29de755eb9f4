using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>Every operation the running API's OpenAPI document lists, so that suites over all endpoints cover a new one the day it is mapped.</summary>
internal static class OpenApiEndpoints
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    /// <returns>Each operation's method (upper case), path template and OpenAPI operation (for its parameters).</returns>
    public static async Task<List<(string Method, string Template, JsonNode Operation)>> Read(IncidentsSystem system, CancellationToken ct)
    {
        using var anonymous = system.CreateClient(apiKey: null);
        var document = await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json", ct);
        var paths = document?["paths"]?.AsObject() ?? throw new InvalidOperationException("no paths in the OpenAPI document");
        return
        [
            .. from path in paths
               from method in Methods
               let operation = path.Value?[method]
               where operation is not null
               select (method.ToUpperInvariant(), path.Key, operation),
        ];
    }
}

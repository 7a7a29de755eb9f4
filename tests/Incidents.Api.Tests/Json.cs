using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Incidents.Api.Tests;

internal static class Json
{
    public static StringContent Body(string json, string contentType = "application/json") =>
        new(json, Encoding.UTF8, contentType);

    public static StringContent Body(JsonNode node) => Body(node.ToJsonString());

    public static async Task<JsonNode> Read(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    /// <summary>A native alert on <paramref name="host"/>, unique unless <paramref name="sourceId"/> repeats.</summary>
    public static JsonObject NativeAlert(string host, string severity = "high", string? sourceId = null, string title = "Credential dumping") => new()
    {
        ["source"] = "edr-test",
        ["sourceId"] = sourceId ?? Guid.NewGuid().ToString("N"),
        ["time"] = "2026-11-27T08:00:00Z",
        ["title"] = title,
        ["ruleId"] = "R-1",
        ["severity"] = severity,
        ["technique"] = "T1003.001",
        ["host"] = host,
        ["user"] = "alice",
    };

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static async Task<T> As<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Options))!;
}

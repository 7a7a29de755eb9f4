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

    /// <summary>The items of a page of the queue (<c>GET /api/v1/incidents</c>).</summary>
    public static async Task<JsonArray> Items(HttpResponseMessage response) => (await Read(response))["items"]!.AsArray();

    public static async Task<JsonNode> Read(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static int _sequence;

    /// <summary>
    /// A native alert on <paramref name="host"/>. Each has its own time, so that two are never one by content;
    /// the same <paramref name="sourceId"/> makes them one by identity.
    /// </summary>
    public static JsonObject NativeAlert(string host, string severity = "high", string? sourceId = null, string title = "Credential dumping") => new()
    {
        ["source"] = "edr-test",
        ["sourceId"] = sourceId ?? Guid.NewGuid().ToString("N"),
        ["time"] = Start.AddMilliseconds(Interlocked.Increment(ref _sequence)).ToString("O"),
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

using System.Net;
using System.Text.Json;

namespace Incidents.LoadGenerator;

/// <summary>The reads the generator makes with the analyst key.</summary>
public sealed class AnalystApi(HttpClient analyst)
{
    private long reads;

    /// <summary>Requests made so far.</summary>
    public long Reads => Interlocked.Read(ref reads);

    /// <summary>The id of the incident that holds the host (the first of <c>?host=</c>), or null when it is in none.</summary>
    public async Task<string?> IncidentOfAsync(string host, CancellationToken cancellationToken)
    {
        using var list = await GetAsync($"api/v1/incidents?host={Uri.EscapeDataString(host)}&limit=1", cancellationToken);
        if (list is null || !list.RootElement.TryGetProperty("items", out var items) || items.GetArrayLength() == 0)
        {
            return null;
        }

        return items[0].GetProperty("id").GetString();
    }

    /// <summary>The incident with up to 500 of its newest alerts, or null when there is no such incident.</summary>
    public async Task<IncidentRead?> IncidentAsync(string id, CancellationToken cancellationToken)
    {
        using var view = await GetAsync($"api/v1/incidents/{Uri.EscapeDataString(id)}?alerts=500", cancellationToken);
        if (view is null)
        {
            return null;
        }

        var root = view.RootElement;
        var summary = root.GetProperty("summary");
        return new IncidentRead(
            id,
            [.. root.GetProperty("hosts").EnumerateArray().Select(h => h.GetString() ?? "")],
            [.. root.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("title").GetString() ?? "")],
            [.. root.GetProperty("lateralMovement").EnumerateArray().Select(s => (s.GetProperty("from").GetString() ?? "", s.GetProperty("to").GetString() ?? ""))],
            summary.TryGetProperty("alertCount", out var count) ? count.GetInt64() : 0,
            summary.TryGetProperty("mergedInto", out var merged) && merged.ValueKind == JsonValueKind.String ? merged.GetString() : null);
    }

    /// <summary>The host's <c>alertCount</c> and <c>openIncidentId</c>; (0, null) for a host no alert has named.</summary>
    public async Task<(long AlertCount, string? OpenIncidentId)> HostAsync(string host, CancellationToken cancellationToken)
    {
        using var view = await GetAsync($"api/v1/hosts/{Uri.EscapeDataString(host)}", cancellationToken);
        if (view is null)
        {
            return (0, null);
        }

        var root = view.RootElement;
        var incident = root.TryGetProperty("openIncidentId", out var open) && open.ValueKind == JsonValueKind.String ? open.GetString() : null;
        return (root.GetProperty("alertCount").GetInt64(), incident);
    }

    /// <summary>What a read that failed throws: no answer, an error status, or an answer not of the expected shape.</summary>
    public static bool IsReadFailure(Exception e) =>
        e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException;

    /// <summary>The answer as JSON; null for 404; throws <see cref="HttpRequestException"/> for any other failure.</summary>
    private async Task<JsonDocument?> GetAsync(string path, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        using var response = await analyst.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }
}

/// <summary>What the generator reads of an incident.</summary>
public sealed record IncidentRead(
    string Id,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> AlertTitles,
    IReadOnlyList<(string From, string To)> Steps,
    long AlertCount,
    string? MergedInto);

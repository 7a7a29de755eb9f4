using System.Globalization;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>
/// Edits a JSON item at a slash-separated path (keys may contain dots, as ECS's do; a number indexes an array):
/// for the hostile-input tests of the OCSF, ECS and Zeek parsers.
/// </summary>
internal static class OcsfJsonEdits
{
    public static string With(string json, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonArray array:
                array[int.Parse(last, CultureInfo.InvariantCulture)] = value;
                break;
            default:
                parent.AsObject()[last] = value;
                break;
        }

        return root.ToJsonString();
    }

    /// <summary>The item with a literal (NaN, 1e999…) written as the value at the path, bypassing JsonNode.</summary>
    public static string WithLiteral(string json, string path, string literal)
    {
        const string marker = "\"@@literal@@\"";
        return With(json, path, "@@literal@@").Replace(marker, literal, StringComparison.Ordinal);
    }

    public static string Without(string json, params string[] paths)
    {
        var root = JsonNode.Parse(json)!;
        foreach (string path in paths)
        {
            var (parent, last) = Parent(root, path);
            parent.AsObject().Remove(last);
        }

        return root.ToJsonString();
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string path)
    {
        string[] segments = path.Split('/');
        JsonNode node = root;
        foreach (string segment in segments[..^1])
        {
            node = node is JsonArray array
                ? array[int.Parse(segment, CultureInfo.InvariantCulture)]!
                : node[segment] ?? throw new ArgumentException($"no '{segment}' on the way to '{path}'");
        }

        return (node, segments[^1]);
    }
}

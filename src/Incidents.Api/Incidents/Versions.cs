using Microsoft.Net.Http.Headers;

namespace Incidents.Api.Incidents;

/// <summary>An incident's version as an HTTP entity tag: <c>"7"</c>.</summary>
internal static class Versions
{
    /// <summary>Stands for an <c>If-Match</c> that names no version: it matches none, so the action is stale (412).</summary>
    private const long NoVersion = -1;

    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>
    /// The version <c>If-Match</c> names; null without the header or with <c>*</c> (any version). A weak tag, a list
    /// or anything else matches no version: RFC 9110 has If-Match compare strongly.
    /// </summary>
    public static long? FromIfMatch(HttpRequest request)
    {
        var values = request.Headers[HeaderNames.IfMatch];
        if (values.Count == 0)
        {
            return null;
        }

        var text = string.Join(",", values.ToArray()).Trim();
        if (text == "*")
        {
            return null;
        }

        return text.Length > 2 && text[0] == '"' && text[^1] == '"'
            && long.TryParse(text.AsSpan(1, text.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : NoVersion;
    }
}

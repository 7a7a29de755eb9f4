using System.Text.Json;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Reads a field that may hold one value or an array of them (every Elasticsearch field may be an array) as its
/// first value:
/// <code>
/// if (JsonFirst.Enter(ref reader, out bool inArray))
/// {
///     value = JsonValues.ReadString(ref reader, name, maxLength);
///     JsonFirst.Leave(ref reader, inArray);
/// }
/// </code>
/// </summary>
internal static class JsonFirst
{
    /// <summary>
    /// On a scalar: true, the reader unmoved. On an array: moves to its first element and returns true, or returns
    /// false for an empty array (the reader then on its closing bracket, the value fully read).
    /// </summary>
    public static bool Enter(ref Utf8JsonReader reader, out bool inArray)
    {
        inArray = reader.TokenType == JsonTokenType.StartArray;
        if (!inArray)
        {
            return true;
        }

        reader.Read();
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>After reading the first element: skips the others, leaving the reader on the array's closing bracket.</summary>
    public static void Leave(ref Utf8JsonReader reader, bool inArray)
    {
        if (!inArray)
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
    }

    /// <summary>The first string of an array of them (null and an empty array read as absent); not an array is the wrong type.</summary>
    public static string? ReadFromArray(ref Utf8JsonReader reader, string field, int maxLength) =>
        JsonValues.StartsArray(ref reader, field) ? ReadString(ref reader, field, maxLength) : null;

    /// <summary>A string, or the first string of an array of them.</summary>
    public static string? ReadString(ref Utf8JsonReader reader, string field, int maxLength)
    {
        if (!Enter(ref reader, out bool inArray))
        {
            return null;
        }

        string? value = JsonValues.ReadString(ref reader, field, maxLength);
        Leave(ref reader, inArray);
        return value;
    }
}

using System.Text.Json;

namespace Incidents.Alerts.Formats;

/// <summary>MITRE ATT&amp;CK id shapes. Checked because later stages group and link by them; a typo would split a group.</summary>
internal static class MitreIds
{
    private const string TechniqueShape = "a MITRE ATT&CK technique id (T1003 or T1003.001)";
    private const string TacticShape = "a MITRE ATT&CK tactic id (TA0006)";

    /// <summary><c>T1003</c> or a sub-technique <c>T1003.001</c>.</summary>
    public static bool IsTechnique(string id) =>
        id.Length is 5 or 9 && id[0] == 'T' && AreDigits(id.AsSpan(1, 4)) &&
        (id.Length == 5 || (id[5] == '.' && AreDigits(id.AsSpan(6, 3))));

    /// <summary><c>TA0006</c>.</summary>
    public static bool IsTactic(string id) => id.Length == 6 && id.StartsWith("TA", StringComparison.Ordinal) && AreDigits(id.AsSpan(2));

    private static bool AreDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>A technique id string; null reads as absent, any other shape is an error naming the field.</summary>
    public static string? ReadTechnique(ref Utf8JsonReader reader, string field, int maxLength)
    {
        string? id = JsonValues.ReadString(ref reader, field, maxLength);
        return id is null || IsTechnique(id) ? id : throw AlertErrors.NotA(field, TechniqueShape, JsonValues.Echo(in reader));
    }

    /// <summary>A tactic id string; null reads as absent, any other shape is an error naming the field.</summary>
    public static string? ReadTactic(ref Utf8JsonReader reader, string field, int maxLength)
    {
        string? id = JsonValues.ReadString(ref reader, field, maxLength);
        return id is null || IsTactic(id) ? id : throw AlertErrors.NotA(field, TacticShape, JsonValues.Echo(in reader));
    }

    /// <summary>As <see cref="ReadTechnique"/>, for an id already read (the reader past it): the error repeats the id.</summary>
    public static string? CheckTechnique(string? id, string field) =>
        id is null || IsTechnique(id) ? id : throw AlertErrors.NotA(field, TechniqueShape, id);

    /// <summary>As <see cref="ReadTactic"/>, for an id already read (the reader past it): the error repeats the id.</summary>
    public static string? CheckTactic(string? id, string field) =>
        id is null || IsTactic(id) ? id : throw AlertErrors.NotA(field, TacticShape, id);
}

namespace Incidents.Api.Access;

/// <summary>
/// Names people give tenants and keys. A key's name is the caller's identity in the audit log and in logs, so it holds
/// no control or format characters (no CR, LF, NUL, no right-to-left override) that could forge or hide a line.
/// </summary>
public static class DisplayNames
{
    public const int MaxLength = 100;
    public const string Rule = "1 to 100 printable characters (no control or format characters).";

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxLength)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control
                or System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
                or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }

        return true;
    }
}

namespace Incidents.Grains.Workflow;

/// <summary>The rule for text an analyst writes: present, bounded, and free of control characters.</summary>
internal static class Text
{
    public static string? Problem(string? text, string what, int maxLength, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"{Capital(what)} is required.";
        }

        if (text.Length > maxLength)
        {
            return $"{Capital(what)} is at most {maxLength} characters.";
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return $"{Capital(what)} holds a control character.";
            }
        }

        return null;
    }

    private static string Capital(string what) => what.StartsWith('\'') ? what : string.Concat(char.ToUpperInvariant(what[0]).ToString(), what.AsSpan(1));
}

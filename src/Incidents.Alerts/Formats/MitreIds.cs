namespace Incidents.Alerts.Formats;

/// <summary>MITRE ATT&amp;CK id shapes. Checked because later stages group and link by them; a typo would split a group.</summary>
internal static class MitreIds
{
    /// <summary><c>T1003</c> or a sub-technique <c>T1003.001</c>.</summary>
    public static bool IsTechnique(string id) =>
        id.Length is 5 or 9 && id[0] == 'T' && AreDigits(id.AsSpan(1, 4)) &&
        (id.Length == 5 || (id[5] == '.' && AreDigits(id.AsSpan(6, 3))));

    /// <summary><c>TA0006</c>.</summary>
    public static bool IsTactic(string id) => id.Length == 6 && id.StartsWith("TA", StringComparison.Ordinal) && AreDigits(id.AsSpan(2));

    private static bool AreDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}

namespace Incidents.Alerts.Formats.Zeek;

/// <summary>
/// Zeek notices carry no severity, so one is given by the note's name. Kept short on purpose; a site that needs
/// more tunes it downstream. In order:
/// <list type="table">
/// <item><term><c>Scan::*</c></term><description>Low: reconnaissance, noisy, rarely an incident alone.</description></item>
/// <item><term><c>SSL::Invalid_Server_Cert</c></term><description>Low: self-signed and expired certificates are everyday; it matters beside other alerts (a C2 with a self-signed certificate).</description></item>
/// <item><term>a name containing <c>Attack</c> or <c>Exploit</c></term><description>High: <c>HTTP::SQL_Injection_Attack</c>, <c>SSH::Password_Guessing</c> is not one (Medium).</description></item>
/// <item><term>anything else</term><description>Medium.</description></item>
/// </list>
/// </summary>
internal static class ZeekNoticeSeverity
{
    public static Severity Of(string note)
    {
        if (note.StartsWith("Scan::", StringComparison.Ordinal) || note == "SSL::Invalid_Server_Cert")
        {
            return Severity.Low;
        }

        int separator = note.IndexOf("::", StringComparison.Ordinal);
        var name = separator < 0 ? note.AsSpan() : note.AsSpan(separator + 2);
        return name.Contains("Attack", StringComparison.OrdinalIgnoreCase) || name.Contains("Exploit", StringComparison.OrdinalIgnoreCase)
            ? Severity.High
            : Severity.Medium;
    }
}

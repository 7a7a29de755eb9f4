using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;

namespace Incidents.Grains.Correlation;

/// <summary>
/// Which contacts between two internal hosts are ways of moving laterally. Every alert between two internal hosts is
/// one (a detection fired on it). Of context events only those that need credentials or an administrator are: remote
/// logons, admin shares, service control and task scheduling over RPC, WinRM, RDP and SSH. Plain SMB and RPC
/// connections, file shares and Kerberos to a domain controller are what every host does all day.
/// </summary>
internal static class LateralSteps
{
    /// <summary>ATT&amp;CK TA0008 (Lateral Movement) techniques, and their sub-techniques.</summary>
    private static readonly string[] LateralTechniques =
        ["T1021", "T1047", "T1072", "T1080", "T1091", "T1210", "T1534", "T1550", "T1563", "T1570"];

    /// <summary>Between two internal hosts, and not a scan: looking at a host is not moving to it.</summary>
    public static bool IsStep(AlertSummary alert) =>
        !alert.Reconnaissance && alert.Src is { IsInternal: true, Key: { } src } && alert.Dst is { IsInternal: true, Key: { } dst } && src != dst;

    /// <summary>The alert's technique when it is a lateral one, else the technique its destination port implies.</summary>
    public static string? Technique(AlertSummary alert) =>
        alert.Technique is { } technique && IsLateralTechnique(technique)
            ? technique
            : PortStep(alert.Dst?.Port)?.Technique ?? alert.Technique;

    public static bool IsLateralTechnique(string technique) =>
        LateralTechniques.Any(t => technique.StartsWith(t, StringComparison.OrdinalIgnoreCase)
            && (technique.Length == t.Length || technique[t.Length] == '.'));

    /// <summary>How the event moved from one internal host to another, or null when it is routine or not a step.</summary>
    public static (string Via, string? Technique)? Step(ContextSummary e)
    {
        if (e.Src is not { IsInternal: true, Key: { } src } || e.Dst is not { IsInternal: true, Key: { } dst } || src == dst)
        {
            return null;
        }

        return e.Kind switch
        {
            // A Kerberos exchange goes to the domain controller, not to the host the ticket is for.
            ContextEventKind.Logon or ContextEventKind.ExplicitCredentials when e.Protocol != "kerberos" =>
                (e.Protocol == "ntlm" ? "ntlm logon" : "logon", "T1078"),
            ContextEventKind.ShareMapping when IsAdminShare(e.Detail) => ("admin share", "T1021.002"),
            ContextEventKind.RemoteCall => e.Protocol switch
            {
                "svcctl" => ("svcctl", "T1569.002"),
                "atsvc" or "itaskschedulerservice" => (e.Protocol, "T1053.005"),
                "winreg" => ("winreg", "T1021"),
                "iwbemservices" or "iwbemlevel1login" => (e.Protocol, "T1047"),
                _ => null,
            },
            ContextEventKind.Connection => e.Dst.Port is 3389 or 5985 or 5986 or 22 ? PortStep(e.Dst.Port) : null,
            _ => null,
        };
    }

    private static (string Via, string Technique)? PortStep(int? port) => port switch
    {
        445 => ("smb", "T1021.002"),
        135 => ("rpc", "T1021.003"),
        3389 => ("rdp", "T1021.001"),
        5985 or 5986 => ("winrm", "T1021.006"),
        22 => ("ssh", "T1021.004"),
        _ => null,
    };

    /// <summary><c>\\host\ADMIN$</c> or a drive share such as <c>\\host\C$</c> (also with a file path after it).</summary>
    private static bool IsAdminShare(string? path)
    {
        if (path is null)
        {
            return false;
        }

        var parts = path.TrimStart('\\').Split('\\');
        if (parts.Length < 2)
        {
            return false;
        }

        var share = parts[1];
        return share.Equals("ADMIN$", StringComparison.OrdinalIgnoreCase)
            || (share.Length == 2 && char.IsAsciiLetter(share[0]) && share[1] == '$');
    }
}

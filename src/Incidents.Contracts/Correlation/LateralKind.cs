namespace Incidents.Contracts.Correlation;

/// <summary>Whether a contact between two hosts is a way of moving laterally, and what showed it.</summary>
[GenerateSerializer, Alias("Incidents.LateralKind")]
public enum LateralKind
{
    /// <summary>Routine traffic: a file share, a directory lookup, a web request.</summary>
    None = 0,

    /// <summary>An alert between two internal hosts.</summary>
    Alert = 1,

    /// <summary>A context event: a remote logon, an admin share, service control, WinRM, RDP or SSH.</summary>
    ContextEvent = 2,

    /// <summary>An account seen on a compromised host, then on this one.</summary>
    Account = 3,
}

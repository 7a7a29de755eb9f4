namespace Incidents.Contracts.Context;

/// <summary>What a context event says happened, as grains keep it (the normaliser's kinds, value for value).</summary>
[GenerateSerializer, Alias("Incidents.ContextEventKind")]
public enum ContextEventKind
{
    /// <summary>A successful logon (Windows 4624, OCSF Authentication success, Zeek kerberos/ntlm success).</summary>
    Logon = 0,

    /// <summary>A failed logon (Windows 4625, an OCSF or Zeek authentication failure).</summary>
    LogonFailed = 1,

    /// <summary>A logon with explicit credentials, e.g. runas or a remote tool (Windows 4648).</summary>
    ExplicitCredentials = 2,

    /// <summary>Special privileges given to a new logon, i.e. an administrator (Windows 4672).</summary>
    PrivilegedLogon = 3,

    /// <summary>A network connection between two hosts (Zeek conn).</summary>
    Connection = 4,

    /// <summary>A mapped SMB share, e.g. ADMIN$ or C$ (Zeek smb_mapping).</summary>
    ShareMapping = 5,

    /// <summary>A DCE/RPC operation, e.g. svcctl CreateServiceW (Zeek dce_rpc).</summary>
    RemoteCall = 6,
}

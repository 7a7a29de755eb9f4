namespace Incidents.Alerts;

/// <summary>
/// A fact about the estate that is not an alert: who logged on where, which host reached which, over what.
/// It is what answers "has this user ever logged on to this host?" and "which hosts did the compromised host
/// reach?". Directional: <see cref="SourceEndpoint"/> reached <see cref="DestinationEndpoint"/>.
/// </summary>
public sealed record ContextEvent
{
    /// <summary>Stable identity, as for alerts: the same event delivered twice has the same id.</summary>
    public required string Id { get; init; }

    public required string Fingerprint { get; init; }

    /// <summary>The product that logged it: <c>windows</c>, <c>zeek</c>, or the OCSF product name.</summary>
    public required string Source { get; init; }

    public required ContextEventKind Kind { get; init; }

    /// <summary>Event time.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The source wrote the time without an offset (see <see cref="Alert.TimeOffsetAssumed"/>).</summary>
    public bool TimeOffsetAssumed { get; init; }

    /// <summary>The host the connection or logon came from.</summary>
    public NetworkEndpoint? SourceEndpoint { get; init; }

    /// <summary>The host that was reached or logged on to.</summary>
    public NetworkEndpoint? DestinationEndpoint { get; init; }

    /// <summary>The account, as <c>user</c> or <c>DOMAIN\user</c> lowercased, where the event names one.</summary>
    public string? User { get; init; }

    /// <summary>The service or protocol: <c>smb</c>, <c>kerberos</c>, <c>ntlm</c>, <c>winrm</c>, <c>rdp</c>, <c>svcctl</c>…</summary>
    public string? Protocol { get; init; }

    /// <summary>The specific thing done, where there is one: a share path, an RPC operation, a Windows logon type.</summary>
    public string? Detail { get; init; }

    /// <summary>Whether it succeeded, where the source says.</summary>
    public bool? Success { get; init; }

    /// <summary>
    /// Keys of the internal hosts it names: the destination first, then the source (as for alerts). Empty for a cloud
    /// sign-in (an identity provider's, naming an account and no internal host): it is the account's alone.
    /// </summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    /// <summary>The item as it was received (JSON text); null unless <see cref="NormalizerOptions.KeepRaw"/>.</summary>
    public string? Raw { get; init; }
}

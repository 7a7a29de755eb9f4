namespace Incidents.Alerts;

/// <summary>One side of the traffic an alert describes.</summary>
public sealed record NetworkEndpoint
{
    public string? Ip { get; init; }
    public int? Port { get; init; }
    public string? HostName { get; init; }
    public string? User { get; init; }

    /// <summary>Whether the address or name belongs to the estate (decided by <see cref="InternalNetworks"/>).</summary>
    public bool IsInternal { get; init; }
}

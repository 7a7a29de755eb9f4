using System.Net;

namespace Incidents.Alerts.Formats;

/// <summary>One side of the traffic as a parser reads it, before the shared rules decide whether it is ours.</summary>
internal sealed class EndpointDraft
{
    public IPAddress? Ip { get; set; }
    public int? Port { get; set; }
    public string? HostName { get; set; }
    public string? User { get; set; }

    public bool IsEmpty => Ip is null && Port is null && HostName is null && User is null;

    public void Reset()
    {
        Ip = null;
        Port = null;
        HostName = null;
        User = null;
    }
}

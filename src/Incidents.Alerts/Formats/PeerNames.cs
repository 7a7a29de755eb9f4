namespace Incidents.Alerts.Formats;

/// <summary>
/// The name a format gives the other side of the traffic (ECS <c>destination.domain</c>, OCSF
/// <c>dst_endpoint.hostname</c>). Unlike the native schema's <c>hostName</c>, such a name is often an outside domain
/// (<c>evil.example</c>), and the shared rule makes a named endpoint without an address ours; so the name is kept as
/// the endpoint's host name only beside an address (which then decides), and as an observable always. A name that is
/// an address literal stands in for a missing address.
/// </summary>
internal static class PeerNames
{
    public static void Apply(EndpointDraft endpoint, string? name, List<Observable> observables)
    {
        if (name is null)
        {
            return;
        }

        var observable = ObservableValues.FromHostName(name);
        if (observable.Kind == ObservableKind.Ip)
        {
            if (endpoint.Ip is null && Networks.IpAddressText.TryParse(observable.Value.AsSpan(), out var address))
            {
                endpoint.Ip = address;
                return; // the assembler lists endpoint addresses as observables
            }
        }
        else if (endpoint.Ip is not null)
        {
            endpoint.HostName = name;
        }

        observables.Add(observable);
    }
}

namespace Incidents.Alerts.Formats;

/// <summary>
/// The rules for endpoints that alerts and context events share (see <see cref="AlertAssembler"/> and
/// <see cref="Events.ContextEventAssembler"/>): which endpoints are ours, and the key of the host an endpoint is.
/// </summary>
internal static class Endpoints
{
    /// <summary>
    /// The endpoint as an alert or event carries it; null when the parser found none of it. An address decides
    /// whether it is ours; a named host with no address is ours: sources name only the machines they run on or manage.
    /// </summary>
    public static NetworkEndpoint? Finish(EndpointDraft? draft, InternalNetworks networks) =>
        draft is null || draft.IsEmpty
            ? null
            : new NetworkEndpoint
            {
                Ip = draft.Ip?.ToString(),
                Port = draft.Port,
                HostName = draft.HostName,
                User = draft.User,
                IsInternal = draft.Ip is null ? draft.HostName is not null : networks.IsInternal(draft.Ip),
            };

    /// <summary>
    /// The key of the host an endpoint is, when it is ours: its lowercased name, else its canonical address. Null for
    /// an endpoint outside the internal networks, or none. (A name already lowercase is returned as it is.)
    /// </summary>
    public static string? InternalHostKey(NetworkEndpoint? endpoint) =>
        endpoint is { IsInternal: true } ? endpoint.HostName?.ToLowerInvariant() ?? endpoint.Ip : null;
}

using Incidents.Alerts;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Context;

namespace Incidents.Api.Ingest;

/// <summary>
/// What the front door hands the cluster of a normalised alert or event: the grains' own records, without the raw item.
/// The one place that knows both the normaliser's model and the contracts (which depend on nothing of ours).
/// </summary>
public static class Summaries
{
    public static AlertSummary ToSummary(this Alert alert, DateTimeOffset receivedAt) => new()
    {
        Id = alert.Id,
        Fingerprint = alert.Fingerprint,
        Source = alert.Source,
        SourceId = alert.SourceId,
        Time = alert.Time,
        Title = alert.Title,
        RuleId = alert.RuleId,
        Severity = (Contracts.Alerts.Severity)alert.Severity,
        Category = alert.Category,
        Tactic = alert.Tactic,
        Technique = alert.Technique,
        Reconnaissance = alert.Reconnaissance,
        Protocol = alert.Protocol,
        Src = alert.SourceEndpoint.ToSummary(),
        Dst = alert.DestinationEndpoint.ToSummary(),
        User = alert.User ?? alert.SourceEndpoint?.User ?? alert.DestinationEndpoint?.User,
        Hosts = alert.Hosts,
        ReceivedAt = receivedAt,
        Observables = [.. alert.Observables
            .Where(o => o.Kind is not (ObservableKind.Ip or ObservableKind.User))
            .Select(o => $"{o.Kind.ToString().ToLowerInvariant()}:{o.Value}")
            .Distinct(StringComparer.Ordinal)
            .Take(AlertSummary.ObservablesKept)],
    };

    public static ContextSummary ToSummary(this ContextEvent e) => new()
    {
        Id = e.Id,
        Fingerprint = e.Fingerprint,
        Source = e.Source,
        Kind = (Contracts.Context.ContextEventKind)e.Kind,
        Time = e.Time,
        Src = e.SourceEndpoint.ToSummary(),
        Dst = e.DestinationEndpoint.ToSummary(),
        User = e.User,
        Protocol = e.Protocol,
        Detail = e.Detail,
        Success = e.Success,
        Hosts = e.Hosts,
    };

    public static EndpointSummary? ToSummary(this NetworkEndpoint? endpoint) => endpoint is null
        ? null
        : new(endpoint.Ip, endpoint.Port, endpoint.HostName, endpoint.User, endpoint.IsInternal);
}

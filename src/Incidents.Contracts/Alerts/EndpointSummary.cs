namespace Incidents.Contracts.Alerts;

[GenerateSerializer, Immutable, Alias("Incidents.EndpointSummary")]
public sealed record EndpointSummary(
    [property: Id(0)] string? Ip,
    [property: Id(1)] int? Port,
    [property: Id(2)] string? HostName,
    [property: Id(3)] string? User,
    [property: Id(4)] bool IsInternal)
{
    /// <summary>The endpoint as a host key: its name where it has one, else its address (as the normaliser keys hosts).</summary>
    public string? Key => HostName is { Length: > 0 } name ? name.ToLowerInvariant() : Ip;
}

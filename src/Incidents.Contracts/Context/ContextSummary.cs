using Incidents.Contracts.Alerts;

namespace Incidents.Contracts.Context;

/// <summary>What host and user grains keep of a context event (a logon, a connection, a share mapping, an RPC call).</summary>
[GenerateSerializer, Immutable, Alias("Incidents.ContextSummary")]
public sealed record ContextSummary
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Fingerprint { get; init; }
    [Id(2)] public required string Source { get; init; }
    [Id(3)] public required ContextEventKind Kind { get; init; }
    [Id(4)] public required DateTimeOffset Time { get; init; }
    [Id(5)] public EndpointSummary? Src { get; init; }
    [Id(6)] public EndpointSummary? Dst { get; init; }
    [Id(7)] public string? User { get; init; }
    [Id(8)] public string? Protocol { get; init; }
    [Id(9)] public string? Detail { get; init; }
    [Id(10)] public bool? Success { get; init; }
    /// <summary>The internal hosts it names; none for a cloud sign-in, which only its account's grain takes.</summary>
    [Id(11)] public required IReadOnlyList<string> Hosts { get; init; }

    /// <summary>The host the event happened on or reached; the source host, if internal, is the other one.</summary>
    public string PrimaryHost => Hosts[0];
}

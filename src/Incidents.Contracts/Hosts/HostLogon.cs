namespace Incidents.Contracts.Hosts;

/// <summary>One account logging on to a host, folded over every time it did.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.HostLogon")]
public sealed record HostLogon(
    [property: Id(0)] string User,
    [property: Id(1)] DateTimeOffset FirstSeen,
    [property: Id(2)] DateTimeOffset LastSeen,
    [property: Id(3)] long Successes,
    [property: Id(4)] long Failures,
    [property: Id(5)] string? LastFrom);

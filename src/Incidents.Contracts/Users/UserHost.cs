namespace Incidents.Contracts.Users;

/// <summary>One host an account was seen on, folded over every time.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.UserHost")]
public sealed record UserHost(
    [property: Id(0)] string Host,
    [property: Id(1)] DateTimeOffset FirstSeen,
    [property: Id(2)] DateTimeOffset LastSeen,
    [property: Id(3)] long Successes,
    [property: Id(4)] long Failures);

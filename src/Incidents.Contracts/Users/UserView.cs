using Incidents.Contracts.Correlation;

namespace Incidents.Contracts.Users;

/// <summary>What an account's grain knows: its hosts, the compromised ones among them, and its cloud sign-ins.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.UserView")]
public sealed record UserView(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Known,
    [property: Id(2)] DateTimeOffset? FirstSeen,
    [property: Id(3)] DateTimeOffset? LastSeen,
    [property: Id(4)] IReadOnlyList<UserHost> Hosts,
    [property: Id(5)] IReadOnlyList<Exposure> Exposures,
    [property: Id(6)] IReadOnlyList<UserSignIn> SignIns);

namespace Incidents.Contracts.Users;

/// <summary>
/// Where an account signs in from through a cloud identity provider: one source address (null when the provider gave
/// none) through one provider (<c>cloudtrail</c>), folded over every sign-in. A sign-in whose outcome the provider did
/// not give (CloudTrail's AssumeRole) counts as neither a success nor a failure.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.UserSignIn")]
public sealed record UserSignIn(
    [property: Id(0)] string? Address,
    [property: Id(1)] string Source,
    [property: Id(2)] DateTimeOffset FirstSeen,
    [property: Id(3)] DateTimeOffset LastSeen,
    [property: Id(4)] long Successes,
    [property: Id(5)] long Failures);

namespace Incidents.Contracts.Users;

/// <summary>
/// What an incident's enrichment asks of an account: the hosts it touched in the day before <see cref="At"/>, and
/// which of its sign-in sources it first signed in from between <see cref="NewFrom"/> and <see cref="NewTo"/>
/// (both included).
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.UserFactsQuery")]
public sealed record UserFactsQuery(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] DateTimeOffset NewFrom,
    [property: Id(2)] DateTimeOffset NewTo);

/// <summary>The answer to a <see cref="UserFactsQuery"/>, as far as the account's bounded state goes.</summary>
/// <param name="HostsInDayBefore">
/// Hosts seen in the <see cref="HostsSpan"/> before the query's time, both ends included, as far as an account keeps
/// them (first and last seen): a host seen before that day and after it counts, whether or not it was seen in it.
/// </param>
/// <param name="SignIns">Every sign-in source kept, first seen first.</param>
[GenerateSerializer, Immutable, Alias("Incidents.UserFacts")]
public sealed record UserFacts(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Known,
    [property: Id(2)] DateTimeOffset? FirstSeen,
    [property: Id(3)] DateTimeOffset? LastSeen,
    [property: Id(4)] int HostsInDayBefore,
    [property: Id(5)] IReadOnlyList<SignInFact> SignIns)
{
    public static readonly TimeSpan HostsSpan = TimeSpan.FromHours(24);
}

/// <summary>
/// One sign-in source, and whether its first sign-in is in the query's window: enrichment's "first sign-in from
/// 192.0.2.0 at T". A source forgotten past the bound and seen again counts as new.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.SignInFact")]
public sealed record SignInFact(
    [property: Id(0)] UserSignIn SignIn,
    [property: Id(1)] bool FirstInWindow);

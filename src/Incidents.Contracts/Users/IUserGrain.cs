using Incidents.Contracts.Context;
using Incidents.Contracts.Correlation;

namespace Incidents.Contracts.Users;

/// <summary>
/// One account of one tenant, keyed <c>{tenant}/{user}</c>: the hosts it was seen on, when first and last, and where it
/// signed in from through cloud identity providers. It tells a host it may be compromised, one-way, when the account
/// moves there from a compromised host.
/// </summary>
[Alias("Incidents.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records context events naming this account (idempotent: a redelivered event changes nothing). Answers, in
    /// order, which were new: for a cloud sign-in, which names no host, this account's answer is the only one.
    /// </summary>
    [Alias("Witness")]
    Task<bool[]> Witness(ContextSummary[] events);

    /// <summary>
    /// A host this account was seen on is in an incident: the account's next hosts in the window become suspects.
    /// One-way, as are the suspicions it sends, so hosts and users never wait on each other.
    /// </summary>
    [OneWay]
    [Alias("Expose")]
    Task Expose(Exposure exposure);

    [ReadOnly]
    [Alias("GetView")]
    Task<UserView> GetView();

    /// <summary>What an incident's enrichment asks of the account (see <see cref="UserFactsQuery"/>).</summary>
    [ReadOnly]
    [Alias("Facts")]
    Task<UserFacts> Facts(UserFactsQuery query);
}

using Incidents.Contracts.Context;

namespace Incidents.Contracts.Users;

/// <summary>
/// One account of one tenant, keyed <c>{tenant}/{user}</c>: the hosts it was seen on, when first and last.
/// Calls no grain.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Records context events naming this account (idempotent: a redelivered event changes nothing).</summary>
    Task Witness(ContextSummary[] events);

    [ReadOnly]
    Task<UserView> GetView();
}

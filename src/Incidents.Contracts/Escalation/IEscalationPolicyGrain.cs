using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Escalation;

/// <summary>
/// A tenant's escalation policy, keyed <see cref="EscalationPolicies.Key"/>: read by every incident (through a silo's
/// copy), changed by tenant admins. Calls nothing.
/// </summary>
[Alias("Incidents.IEscalationPolicyGrain")]
public interface IEscalationPolicyGrain : IGrainWithStringKey
{
    /// <summary>The policy in force: the tenant's own, or <see cref="EscalationPolicies.Default"/> until it has one.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<EscalationPolicy> Current();

    /// <summary>
    /// Replaces the policy when <paramref name="ifVersion"/> is null or the version in force; written before the answer.
    /// Returns the policy in force afterwards and whether it was replaced.
    /// </summary>
    [Alias("Replace")]
    Task<PolicyChange> Replace(EscalationPolicy policy, long? ifVersion);
}

[GenerateSerializer, Immutable, Alias("Incidents.PolicyChange")]
public sealed record PolicyChange([property: Id(0)] bool Replaced, [property: Id(1)] EscalationPolicy Policy);

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
    [Alias("Current")]
    Task<EscalationPolicy> Current();

    /// <summary>
    /// Replaces the policy when it is valid and <paramref name="ifVersion"/> is null or the version in force; written
    /// before the answer. The new policy's version is one more than the old one's, whatever the caller sent.
    /// </summary>
    [Alias("Replace")]
    Task<PolicyChange> Replace(EscalationPolicy policy, long? ifVersion);

    /// <summary>Which route an incident with these facts takes under <paramref name="draft"/> (or the policy in force): stores nothing.</summary>
    [ReadOnly]
    [Alias("TryRoute")]
    Task<RouteTrial> TryRoute(IncidentFacts facts, EscalationPolicy? draft);
}

public enum PolicyChangeResult
{
    Replaced,

    /// <summary>The policy in force is not the version the caller read.</summary>
    Stale,

    /// <summary>The policy breaks a rule; <see cref="PolicyChange.Problems"/> says which.</summary>
    Invalid,
}

[GenerateSerializer, Immutable, Alias("Incidents.PolicyChange")]
public sealed record PolicyChange(
    [property: Id(0)] PolicyChangeResult Result,
    [property: Id(1)] EscalationPolicy Policy,
    [property: Id(2)] IReadOnlyList<string> Problems);

/// <summary>The route an example incident takes, the team and each level with when it would hear (from the routing).</summary>
[GenerateSerializer, Immutable, Alias("Incidents.RouteTrial")]
public sealed record RouteTrial
{
    [Id(0)] public EscalationRoute? Route { get; init; }
    [Id(1)] public EscalationTeam? Team { get; init; }
    [Id(2)] public long PolicyVersion { get; init; }

    /// <summary>A draft's problems: when there are any, nothing is routed.</summary>
    [Id(3)] public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Why this route: the condition that held (or "the default route").</summary>
    [Id(4)] public string? Because { get; init; }
}

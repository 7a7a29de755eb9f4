using Incidents.Contracts.Escalation;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Escalation;

/// <summary>A tenant's escalation policy (<see cref="IEscalationPolicyGrain"/>): the shipped default until an admin replaces it.</summary>
public sealed class EscalationPolicyGrain(
    [PersistentState("escalation-policy", StorageNames.Lists)] IPersistentState<EscalationPolicyState> state,
    IOptions<CorrelationOptions> options) : WriteBehindGrain<EscalationPolicyState>(state, options.Value.StateWriteDelay), IEscalationPolicyGrain
{
    private EscalationPolicy InForce => State.Policy ?? EscalationPolicies.Default;

    public Task<EscalationPolicy> Current() => Task.FromResult(InForce);

    public async Task<PolicyChange> Replace(EscalationPolicy policy, long? ifVersion)
    {
        if (ifVersion is { } seen && seen != InForce.Version)
        {
            return new(PolicyChangeResult.Stale, InForce, []);
        }

        if (EscalationPolicyRules.Problems(policy) is { Count: > 0 } problems)
        {
            return new(PolicyChangeResult.Invalid, InForce, problems);
        }

        State.Policy = policy with { Version = InForce.Version + 1 };
        await WriteNow();
        return new(PolicyChangeResult.Replaced, InForce, []);
    }

    public Task<RouteTrial> TryRoute(IncidentFacts facts, EscalationPolicy? draft)
    {
        var policy = draft ?? InForce;
        if (draft is not null && EscalationPolicyRules.Problems(draft) is { Count: > 0 } problems)
        {
            return Task.FromResult(new RouteTrial { Problems = problems, PolicyVersion = policy.Version });
        }

        var route = IncidentRouting.Choose(policy, facts);
        return Task.FromResult(new RouteTrial
        {
            Route = route,
            Team = route is null ? null : policy.Teams.FirstOrDefault(t => t.Id == route.Team),
            PolicyVersion = policy.Version,
            Because = route is null ? null : IncidentRouting.Because(route, facts),
        });
    }
}

[GenerateSerializer, Alias("Incidents.EscalationPolicyState")]
public sealed record EscalationPolicyState
{
    /// <summary>Null until an admin replaces the shipped default.</summary>
    [Id(0)] public EscalationPolicy? Policy { get; set; }
}

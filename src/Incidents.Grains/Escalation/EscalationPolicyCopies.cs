using Incidents.Contracts.Escalation;
using Incidents.Grains.Triage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Escalation;

/// <summary>
/// Each silo's copy of its tenants' escalation policies, fetched again when older than
/// <see cref="EscalationOptions.PolicyRefresh"/>, so that no incident waits on the policy grain for every alert. Before
/// a silo's first copy of a tenant's policy arrives there is none (null): an incident routes later rather than by a
/// policy that is not the tenant's.
/// </summary>
public sealed partial class EscalationPolicyCopies
{
    private static readonly EscalationPolicy Unread = new() { Version = -1 };
    private readonly TenantCopies<EscalationPolicy> _copies;

    public EscalationPolicyCopies(IGrainFactory grains, TimeProvider time, IOptions<EscalationOptions> options, ILogger<EscalationPolicyCopies> logger) =>
        _copies = new(
            (tenant, _) => grains.GetGrain<IEscalationPolicyGrain>(EscalationPolicies.Key(tenant)).Current(),
            Unread, time, () => options.Value.PolicyRefresh, (tenant, e) => LogFetchFailed(logger, tenant, e.GetType().Name));

    public async ValueTask<EscalationPolicy?> For(string tenant)
    {
        var policy = await _copies.For(tenant);
        return ReferenceEquals(policy, Unread) ? null : policy;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation policy of tenant {Tenant} not fetched ({Error}): the last copy holds")]
    private static partial void LogFetchFailed(ILogger logger, string tenant, string error);
}

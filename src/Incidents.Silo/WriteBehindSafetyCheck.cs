using Incidents.Grains;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Incidents.Silo;

/// <summary>The silo refuses to start with settings that break <see cref="WriteBehindSafety"/>, saying which.</summary>
internal sealed class WriteBehindSafetyCheck(IConfiguration configuration, IOptions<ClusterMembershipOptions> membership)
    : IValidateOptions<CorrelationOptions>
{
    public ValidateOptionsResult Validate(string? name, CorrelationOptions options)
    {
        var m = membership.Value;
        var deathDetection = (m.ProbeTimeout * m.NumMissedProbesLimit) + m.TableRefreshTimeout;
        return WriteBehindSafety.Violation(WriteBehindSafety.Retention(configuration), options.StateWriteDelay, deathDetection) is { } why
            ? ValidateOptionsResult.Fail(why)
            : ValidateOptionsResult.Success;
    }
}

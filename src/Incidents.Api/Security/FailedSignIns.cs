using System.Net;
using System.Threading.RateLimiting;

namespace Incidents.Api.Security;

/// <summary>
/// Failed sign-ins per client address, as token buckets (<see cref="RateLimitOptions.FailedSignInsPerSecond"/>, bursts
/// of <see cref="RateLimitOptions.FailedSignInBurst"/>). An address that has spent its bucket is answered 429 for any
/// key this instance does not already know, without asking the cluster; keys it knows (configured ones, issued ones it
/// has seen) still sign in, so a flood from behind a shared address does not lock out the people there.
/// </summary>
public sealed class FailedSignIns : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter;

    public FailedSignIns(Microsoft.Extensions.Options.IOptions<RateLimitOptions> options)
    {
        var perSecond = Math.Max(1, options.Value.FailedSignInsPerSecond);
        var burst = Math.Max(1, options.Value.FailedSignInBurst);
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Whether the address has failures left to spend.</summary>
    public bool Allows(IPAddress address)
    {
        // Not AttemptAcquire(address, 0): it answered "acquired" for an empty bucket here.
        return _limiter.GetStatistics(address) is not { CurrentAvailablePermits: <= 0 };
    }

    public void Record(IPAddress address)
    {
        using var lease = _limiter.AttemptAcquire(address, 1);
    }

    public void Dispose() => _limiter.Dispose();
}

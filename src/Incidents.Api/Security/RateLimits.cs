using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace Incidents.Api.Security;

/// <summary>
/// Requests per second per key, as token buckets (a burst of <see cref="BurstSeconds"/> seconds' worth). Ingest keys
/// take their tenant's limit where one is set (<c>Tenants:{tenant}:IngestPerSecond</c>): one customer's forwarder
/// flood does not starve another's. Requests without a key are refused before this, by authentication.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Incidents:RateLimits";

    /// <summary>Every key but ingest keys; an analyst console polls, it does not flood.</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Ingest keys: a forwarder posting batches of 1,000 at this rate sends 200,000 alerts a second.</summary>
    public int IngestPerSecond { get; set; } = 200;

    public int BurstSeconds { get; set; } = 2;

    /// <summary>
    /// Failed sign-ins a client address may make a second (and <see cref="FailedSignInBurst"/> at once) before it is
    /// answered 429 for keys this instance does not know. Kept generous: a misconfigured forwarder retries.
    /// </summary>
    public int FailedSignInsPerSecond { get; set; } = 10;

    public int FailedSignInBurst { get; set; } = 100;

    public Dictionary<string, TenantRateLimit> Tenants { get; set; } = new(StringComparer.Ordinal);
}

public sealed class TenantRateLimit
{
    public int? IngestPerSecond { get; set; }
}

internal static class RateLimits
{
    public static IServiceCollection AddKeyRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<FailedSignIns>();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context.User, options));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests for this key",
                    detail: $"This key may send {Limit(rejected.HttpContext.User, options)} requests a second; retry after the given delay.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(ClaimsPrincipal user, RateLimitOptions options)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.Name) is not { } key)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var perSecond = Limit(user, options);
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, perSecond * Math.Max(1, options.BurstSeconds)),
            TokensPerPeriod = Math.Max(1, perSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static int Limit(ClaimsPrincipal user, RateLimitOptions options) =>
        user.IsInRole(Roles.Ingest)
            ? options.Tenants.GetValueOrDefault(user.Tenant())?.IngestPerSecond ?? options.IngestPerSecond
            : options.RequestsPerSecond;
}

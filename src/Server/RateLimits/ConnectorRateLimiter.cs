using System.Threading.RateLimiting;
using Coco.Connectors.Server.Auth;

namespace Coco.Connectors.Server.RateLimits;

/// <summary>
/// The server's one rate limiter: a token bucket per API token (by name, so every client of a token shares it), and
/// per client address for requests without a valid token. The address is the connection's own: forwarded headers are
/// not trusted (a request relayed by a proxy on this machine is not exempt as local either, see
/// <see cref="CallerAccess.IsLocal"/>). Health probes are never limited, so a load balancer's checks cannot be refused.
/// </summary>
internal static class ConnectorRateLimiter
{
    public static PartitionedRateLimiter<HttpContext> Create(RateLimitOptions options, bool exemptLoopback)
    {
        // Built once: RateLimitPartition.GetTokenBucketLimiter would allocate a closure on every request.
        var perToken = Bucket(options.PerToken);
        var perAddress = Bucket(options.PerAddress);
        Func<RatePartition, RateLimiter> tokenBucket = _ => new TokenBucketRateLimiter(perToken);
        Func<RatePartition, RateLimiter> addressBucket = _ => new TokenBucketRateLimiter(perAddress);
        return PartitionedRateLimiter.Create<HttpContext, RatePartition>(context =>
        {
            var key = PartitionOf(context, exemptLoopback);
            return key == RatePartition.Exempt ? RateLimitPartition.GetNoLimiter(key)
                : RateLimitPartition.Get(key, key.IsToken ? tokenBucket : addressBucket);
        });
    }

    public static RatePartition PartitionOf(HttpContext context, bool exemptLoopback)
    {
        if ((exemptLoopback && CallerAccess.IsLocal(context)) || context.Request.Path.StartsWithSegments(HealthPath))
        {
            return RatePartition.Exempt;
        }

        return CallerAccess.Of(context) is { HasToken: true } caller
            ? RatePartition.ForToken(caller.Name)
            : RatePartition.ForAddress(context.Connection.RemoteIpAddress);
    }

    private static readonly PathString HealthPath = new("/healthz");

    // Not self-replenishing: the partitioned limiter refills every bucket from one timer of its own (a timer per bucket
    // would be one per client). No queue: over the limit is refused at once.
    private static TokenBucketRateLimiterOptions Bucket(RateLimitBucket bucket) => new()
    {
        TokenLimit = bucket.PermitLimit,
        TokensPerPeriod = bucket.TokensPerPeriod,
        ReplenishmentPeriod = bucket.ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = false,
    };
}

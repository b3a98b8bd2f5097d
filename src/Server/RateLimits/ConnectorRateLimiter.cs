using System.Threading.RateLimiting;
using Coco.Connectors.Auth;
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
    /// <summary>
    /// The buckets, by partition: shared by HTTP requests (<see cref="ForRequests"/>) and the operations sent over open
    /// WebSockets (<see cref="OperationRateLimit"/>), so a caller has one budget whichever way it comes.
    /// </summary>
    public static PartitionedRateLimiter<RatePartition> Create(RateLimitOptions options)
    {
        // Built once: RateLimitPartition.GetTokenBucketLimiter would allocate a closure on every request.
        var perToken = Bucket(options.PerToken);
        var perAddress = Bucket(options.PerAddress);
        Func<RatePartition, RateLimiter> tokenBucket = _ => new TokenBucketRateLimiter(perToken);
        Func<RatePartition, RateLimiter> addressBucket = _ => new TokenBucketRateLimiter(perAddress);
        return PartitionedRateLimiter.Create<RatePartition, RatePartition>(key =>
            key == RatePartition.Exempt ? RateLimitPartition.GetNoLimiter(key)
                : RateLimitPartition.Get(key, key.IsToken ? tokenBucket : addressBucket));
    }

    /// <summary>The HTTP side of <paramref name="buckets"/>: each request draws from its caller's partition.</summary>
    public static PartitionedRateLimiter<HttpContext> ForRequests(PartitionedRateLimiter<RatePartition> buckets, bool exemptLoopback) =>
        buckets.WithTranslatedKey<HttpContext>(context => PartitionOf(context, exemptLoopback), leaveOpen: true);

    public static RatePartition PartitionOf(HttpContext context, bool exemptLoopback) =>
        context.Request.Path.StartsWithSegments(HealthPath) ? RatePartition.Exempt : PartitionOf(CallerAccess.Of(context), context, exemptLoopback);

    /// <summary>
    /// The bucket of <paramref name="caller"/> on the connection of <paramref name="context"/>: its token's, or its
    /// address's when it has no valid token (exempt on this machine when <paramref name="exemptLoopback"/>).
    /// </summary>
    public static RatePartition PartitionOf(Caller? caller, HttpContext context, bool exemptLoopback) =>
        IsExempt(context, exemptLoopback) ? RatePartition.Exempt : PartitionOf(caller, RatePartition.ForAddress(context.Connection.RemoteIpAddress));

    /// <summary>A caller with a token draws from the token's bucket, any other from its address's.</summary>
    public static RatePartition PartitionOf(Caller? caller, RatePartition address) =>
        caller is { HasToken: true } ? RatePartition.ForToken(caller.Name) : address;

    public static bool IsExempt(HttpContext context, bool exemptLoopback) => exemptLoopback && CallerAccess.IsLocal(context);

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

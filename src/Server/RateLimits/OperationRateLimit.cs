using System.Threading.RateLimiting;
using Coco.Connectors.Observability;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.RateLimits;

/// <summary>
/// Operations sent over an open WebSocket (<c>subscribe</c>, Apollo's <c>start</c>) each take a permit from the same
/// bucket as the caller's HTTP requests: otherwise one upgrade would buy an unlimited stream of queries.
/// </summary>
internal sealed class OperationRateLimit(
    PartitionedRateLimiter<RatePartition> buckets, IOptions<RateLimitOptions> options, IHostEnvironment environment, CocoMetrics metrics)
{
    public const string Route = "websocket_operation";

    /// <summary>The permits of the socket opened by <paramref name="upgrade"/>; unlimited when rate limits are off.</summary>
    public OperationPermits ForSocket(HttpContext upgrade)
    {
        var limits = options.Value;
        return limits.Enabled
            ? new OperationPermits(this, upgrade, limits.ExemptLoopback ?? environment.IsDevelopment())
            : OperationPermits.Unlimited;
    }

    /// <summary>Takes a permit from <paramref name="partition"/>; null when granted, else the refusal to send for the operation.</summary>
    public GraphQL.ExecutionResult? TryTake(RatePartition partition)
    {
        using var lease = buckets.AttemptAcquire(partition);
        if (lease.IsAcquired)
        {
            return null;
        }

        var bucket = partition.IsToken ? options.Value.PerToken : options.Value.PerAddress;
        var retryAfter = RateLimitRefusal.RetryAfterSeconds(lease, bucket);
        metrics.RateLimited(partition.IsToken ? "token" : "address", Route);
        var error = new GraphQL.ExecutionError(RateLimitRefusal.Reason(partition.IsToken, bucket, retryAfter)) { Code = RateLimitRefusal.Code };
        error.Extensions ??= new Dictionary<string, object?>();
        error.Extensions["retryAfter"] = retryAfter; // seconds, as the Retry-After header of a refused HTTP request
        return new GraphQL.ExecutionResult { Errors = [error] };
    }
}

using Coco.Connectors.Auth;

namespace Coco.Connectors.Server.RateLimits;

/// <summary>
/// One WebSocket's side of <see cref="OperationRateLimit"/>. The connection is read at the upgrade (its address, and
/// whether it is exempt as this machine's); the caller is known only after <c>connection_init</c>, so it is given with
/// each operation and picks the bucket: its token's, else the address's.
/// </summary>
internal sealed class OperationPermits
{
    private readonly OperationRateLimit? _limit;
    private readonly RatePartition _address;

    /// <summary>Reads the upgrade once, when the socket opens: operations start later, on other threads.</summary>
    public OperationPermits(OperationRateLimit limit, HttpContext upgrade, bool exemptLoopback)
    {
        _limit = ConnectorRateLimiter.IsExempt(upgrade, exemptLoopback) ? null : limit;
        _address = RatePartition.ForAddress(upgrade.Connection.RemoteIpAddress);
    }

    private OperationPermits()
    {
    }

    /// <summary>Rate limits are off (or this machine is exempt): every operation goes.</summary>
    public static OperationPermits Unlimited { get; } = new();

    /// <summary>Null when the operation may start; else the refusal (<c>RATE_LIMITED</c>) to send for it.</summary>
    public GraphQL.ExecutionResult? TryTake(Caller? caller) =>
        _limit?.TryTake(ConnectorRateLimiter.PartitionOf(caller, _address));
}

namespace Coco.Connectors.Server.RateLimits;

/// <summary>
/// One token bucket: up to <see cref="PermitLimit"/> requests at once, refilled by <see cref="TokensPerPeriod"/> every
/// <see cref="ReplenishmentPeriod"/>. Requests over it are refused at once (no queue).
/// </summary>
public sealed class RateLimitBucket
{
    /// <summary>The burst: how many requests a full bucket allows back to back.</summary>
    public int PermitLimit { get; set; }

    /// <summary>Permits added every <see cref="ReplenishmentPeriod"/>: the sustained rate.</summary>
    public int TokensPerPeriod { get; set; }

    public TimeSpan ReplenishmentPeriod { get; set; }

    public bool IsValid => PermitLimit > 0 && TokensPerPeriod > 0 && ReplenishmentPeriod > TimeSpan.Zero;
}

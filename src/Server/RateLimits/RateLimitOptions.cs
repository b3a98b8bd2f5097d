namespace Coco.Connectors.Server.RateLimits;

/// <summary>
/// The <c>RateLimits</c> configuration section: a token bucket per API token, and one per client address for callers
/// without a valid token. docs/access.md explains the defaults.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>False turns rate limiting off entirely (the middleware is not added).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Whether clients on this machine (loopback, not relayed by a proxy) go unlimited. Unset: yes in the Development
    /// environment, no elsewhere.
    /// </summary>
    public bool? ExemptLoopback { get; set; }

    /// <summary>Each API token's bucket, shared by every client using that token.</summary>
    public RateLimitBucket PerToken { get; set; } = new() { PermitLimit = 600, TokensPerPeriod = 20, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>Each client address's bucket (IPv4 address or IPv6 /64) for requests without a valid token.</summary>
    public RateLimitBucket PerAddress { get; set; } = new() { PermitLimit = 120, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };
}

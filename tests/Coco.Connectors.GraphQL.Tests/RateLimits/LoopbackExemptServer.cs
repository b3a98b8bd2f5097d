namespace Coco.Connectors.Tests.RateLimits;

/// <summary>The same small buckets, with clients on this machine exempt (the Development default).</summary>
public sealed class LoopbackExemptServer : RateLimitedServer
{
    protected override bool ExemptLoopback => true;
}

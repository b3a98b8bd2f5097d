namespace Coco.Connectors.Server.Hosting.Shutdown;

/// <summary>How the server stops on SIGTERM (or any host stop), bound from <c>Shutdown</c>.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// How long the server keeps serving after <c>/healthz/ready</c> turned unready, so a load balancer notices and
    /// sends new clients elsewhere before this instance stops accepting. Zero (the default) stops at once; behind a
    /// load balancer set it to its health-check interval times its unhealthy threshold.
    /// </summary>
    public TimeSpan ReadinessDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long requests in flight may take to finish once the server stops accepting; after it, connections still
    /// open are cut. Subscriptions do not wait for it: they are ended with a reason as soon as the server stops accepting.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}

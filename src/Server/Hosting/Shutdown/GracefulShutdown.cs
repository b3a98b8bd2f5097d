using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Hosting.Shutdown;

/// <summary>
/// Holds the host's stop for the readiness delay, before the web server stops accepting: meanwhile readiness says
/// 503 and everything else is still served. Runs in the stopping phase, which comes before any service stops.
/// </summary>
internal sealed partial class GracefulShutdown(IOptions<ShutdownOptions> options, ILogger<GracefulShutdown> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        LogDraining(o.ReadinessDelay.TotalSeconds, o.DrainTimeout.TotalSeconds);
        if (o.ReadinessDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(o.ReadinessDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The host's own shutdown timeout ran out first: go on stopping.
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        LogStopped();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Shutting down: /healthz/ready answers 503; serving {ReadinessDelaySeconds} s more, then subscriptions end with a reason and requests in flight get up to {DrainTimeoutSeconds} s")]
    private partial void LogDraining(double readinessDelaySeconds, double drainTimeoutSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown complete: requests drained, subscriptions ended")]
    private partial void LogStopped();
}

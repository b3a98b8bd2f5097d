using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Hosting.Shutdown;

/// <summary>
/// Holds the host's stop for the readiness delay, before the web server stops accepting: meanwhile readiness says
/// 503 and everything else is still served. Runs in the stopping phase, which comes before any service stops.
/// </summary>
internal sealed partial class GracefulShutdown(DrainSignal drain, IOptions<ShutdownOptions> options, ILogger<GracefulShutdown> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        LogDraining(o.ReadinessDelay.TotalSeconds, o.DrainTimeout.TotalSeconds, drain.IsDraining);
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
        Message = "Shutting down: readiness is unready ({Draining}); serving {ReadinessDelaySeconds} s more, then requests in flight get up to {DrainTimeoutSeconds} s and subscriptions end with a reason")]
    private partial void LogDraining(double readinessDelaySeconds, double drainTimeoutSeconds, bool draining);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown complete: requests drained, subscriptions ended")]
    private partial void LogStopped();
}

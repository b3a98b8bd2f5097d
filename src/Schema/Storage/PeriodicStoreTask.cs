using Microsoft.Extensions.Hosting;

namespace Coco.Connectors.Storage;

/// <summary>Store upkeep run in the background every <see cref="Interval"/> (none when it is zero), until shutdown.</summary>
internal abstract class PeriodicStoreTask : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>One round; it handles its own failures, so that the next round still runs.</summary>
    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

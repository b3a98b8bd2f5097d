using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Hosting.Shutdown;

/// <summary>
/// The shutdown sequence as the rest of the server sees it: <see cref="IsDraining"/> turns true as soon as the host
/// starts stopping (readiness answers 503 from then on), and <see cref="StreamsEnding"/> is cancelled once the
/// readiness delay has passed, when subscriptions must end with a reason so their clients reconnect elsewhere.
/// </summary>
public sealed class DrainSignal : IDisposable
{
    private readonly CancellationTokenSource _streams = new();
    private readonly CancellationTokenRegistration _stopping;
    private readonly TimeSpan _readinessDelay;
    private volatile bool _draining;

    public DrainSignal(IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options)
    {
        _readinessDelay = options.Value.ReadinessDelay;
        _stopping = lifetime.ApplicationStopping.Register(BeginDraining);
    }

    /// <summary>True once the host began stopping: this instance should get no new clients.</summary>
    public bool IsDraining => _draining;

    /// <summary>Cancelled when the open subscriptions (WebSocket and SSE) must end.</summary>
    public CancellationToken StreamsEnding => _streams.Token;

    private void BeginDraining()
    {
        _draining = true;
        if (_readinessDelay > TimeSpan.Zero)
        {
            _streams.CancelAfter(_readinessDelay);
        }
        else
        {
            _streams.Cancel();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _streams.Dispose();
    }
}

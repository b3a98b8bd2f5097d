using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// Runs one operation for a streaming transport from start to end: executes it with <see cref="GraphQLRunner"/>,
/// then delivers its single result or every event of its stream to a sink, through a bounded queue.
/// </summary>
internal sealed partial class OperationStreamer(IOptions<GraphQLStreamingOptions> options, ILogger<OperationStreamer> logger)
{
    /// <summary>
    /// Returns when the operation has ended (its last message handed to the sink) or throws
    /// <see cref="OperationCanceledException"/> when <paramref name="ct"/> stops it. <paramref name="services"/> must
    /// live until then: subscription events are resolved with it long after the subscribe call.
    /// </summary>
    public async Task RunAsync(
        GraphQLRequest request,
        IServiceProvider services,
        AllowedOperations allowed,
        IDictionary<string, object?> userContext,
        IOperationSink sink,
        CancellationToken ct)
    {
        var runner = services.GetRequiredService<GraphQLRunner>();
        var result = await runner.ExecuteAsync(request, services, allowed, userContext, ct);
        if (!result.Executed)
        {
            await sink.ErrorAsync(result, ct);
            return;
        }

        if (result.Streams is not { Count: > 0 } streams)
        {
            await sink.NextAsync(result, ct);
            await sink.CompleteAsync(ct);
            return;
        }

        var queueSize = options.Value.QueueSize;
        var queue = new BoundedResultQueue(queueSize);
        using var delivery = CancellationTokenSource.CreateLinkedTokenSource(ct, queue.Overflow);
        using var subscription = new ReleaseOnce(streams.Values.First().Subscribe(queue));
        using (queue.Overflow.Register(subscription.Dispose))
        {
            try
            {
                await foreach (var next in queue.ReadAllAsync(delivery.Token))
                {
                    await sink.NextAsync(next, delivery.Token);
                }
            }
            catch (OperationCanceledException) when (queue.Overflowed && !ct.IsCancellationRequested)
            {
                // The send that was waiting for the slow client is dropped; the client is told below.
            }
        }

        subscription.Dispose();

        // The source is released above (at once on overflow), before the closing messages, which may wait on a slow client.
        if (queue.Overflowed)
        {
            LogSlowConsumer(queueSize);
            await sink.NextAsync(StreamingErrors.SlowConsumer(queueSize), ct);
        }
        else if (queue.Failure is { } failure)
        {
            await sink.NextAsync(StreamingErrors.Result(failure), ct);
        }

        await sink.CompleteAsync(ct);
    }

    /// <summary>Lets the overflow callback and the normal path both release the source, exactly once.</summary>
    private sealed class ReleaseOnce(IDisposable subscription) : IDisposable
    {
        private IDisposable? _subscription = subscription;

        public void Dispose() => Interlocked.Exchange(ref _subscription, null)?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber fell behind by more than {QueueSize} events; its subscription was stopped")]
    private partial void LogSlowConsumer(int queueSize);
}

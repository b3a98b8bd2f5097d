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
        using (streams.Values.First().Subscribe(queue))
        {
            await foreach (var next in queue.ReadAllAsync(ct))
            {
                await sink.NextAsync(next, ct);
            }
        }

        // The source is released above, before the closing messages, which may wait on a slow client.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber fell behind by more than {QueueSize} events; its subscription was stopped")]
    private partial void LogSlowConsumer(int queueSize);
}

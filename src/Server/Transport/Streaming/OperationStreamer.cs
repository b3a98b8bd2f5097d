using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.Observability;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// Runs one operation for a streaming transport from start to end: executes it with <see cref="GraphQLRunner"/>,
/// then delivers its single result or every event of its stream to a sink, through a queue bounded by count and bytes.
/// A subscription takes a slot of its client's subscription cap for as long as it runs.
/// </summary>
internal sealed partial class OperationStreamer(
    GraphQLRunner runner,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLStreamingOptions> options,
    IOptions<GraphQLLimitsOptions> responseLimits,
    StreamingAdmission admission,
    SelectionAdmission selections,
    CocoMetrics metrics,
    ILogger<OperationStreamer> logger)
{
    private readonly ByteBudget _queuedBytes = new(options.Value.MaxQueuedBytes);

    /// <summary>Bytes of results waiting for clients on the whole server, each result shared by many counted once.</summary>
    public long QueuedBytes => _queuedBytes.Used;

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
        StreamingConnection connection,
        CancellationToken ct)
    {
        // Subscription events charge what each write costs to the client they run for (EventFanOutBudget).
        userContext = new Dictionary<string, object?>(userContext) { [EventFanOutBudget.ClientKey] = connection.Client };
        var result = await runner.ExecuteAsync(request, services, allowed, userContext, ct);
        if (!result.Executed)
        {
            await sink.ErrorAsync(result, ct);
            return;
        }

        if (result.Streams is not { Count: > 0 } streams)
        {
            var maxBytes = responseLimits.Value.MaxResponseBytes;
            if (await EventPayload.SerializeAsync(serializer, result, maxBytes, ct) is not { } single)
            {
                await sink.ErrorAsync(new ExecutionResult { Errors = [ResponseBudget.TooLarge(maxBytes)] }, ct); // a request error, as over HTTP
                return;
            }

            await sink.NextAsync(single.Json, ct);
            await sink.CompleteAsync(ct);
            return;
        }

        IDisposable? slot = null;
        if (connection.CountsSubscriptions
            && (slot = admission.TryAdmit(StreamKind.Subscription, connection.Client, out var refusal)) is null)
        {
            var (perClient, total) = admission.Limits(StreamKind.Subscription);
            LogRefused(connection.Client, refusal);
            await sink.ErrorAsync(StreamingErrors.Refused(StreamKind.Subscription, refusal, refusal == AdmissionRefusal.ClientLimit ? perClient : total), ct);
            return;
        }

        using (slot)
        using (metrics.SubscriptionStarted(connection.Protocol))
        {
            using var selection = selections.TryAdmit(connection.Client, SelectionAdmission.SelectionOf(request), out var selectionRefusal);
            if (selection is null)
            {
                var limits = options.Value;
                LogRefused(connection.Client, selectionRefusal);
                await sink.ErrorAsync(StreamingErrors.SelectionRefused(selectionRefusal,
                    selectionRefusal == AdmissionRefusal.ClientLimit ? limits.MaxSelectionsPerClient : limits.MaxSelections), ct);
                return;
            }

            await DeliverAsync(streams.Values.First(), serializer, sink, connection, ct);
        }
    }

    private async Task DeliverAsync(
        IObservable<ExecutionResult> stream,
        IGraphQLTextSerializer serializer,
        IOperationSink sink,
        StreamingConnection connection,
        CancellationToken ct)
    {
        var limits = options.Value;
        var maxBytes = responseLimits.Value.MaxResponseBytes;
        using var queue = new BoundedResultQueue(
            limits.QueueSize,
            new ByteBudget(limits.MaxQueuedBytesPerSubscription, connection.QueuedBytes),
            _queuedBytes,
            result => EventPayload.Serialize(serializer, result, maxBytes));
        using var delivery = CancellationTokenSource.CreateLinkedTokenSource(ct, queue.Overflow);
        using var subscription = new ReleaseOnce(stream.Subscribe(queue));
        using (queue.Overflow.Register(subscription.Dispose))
        {
            try
            {
                await foreach (var next in queue.ReadAllAsync(delivery.Token))
                {
                    try
                    {
                        await sink.NextAsync(next.Json, delivery.Token);
                    }
                    finally
                    {
                        queue.Release(next);
                    }
                }
            }
            catch (OperationCanceledException) when (queue.Overflowed && !ct.IsCancellationRequested)
            {
                // The send that was waiting for the slow client is dropped; the client is told below.
            }
        }

        // The source and the backlog are released here (the source at once on overflow), before the closing
        // messages, which may wait on a slow client.
        subscription.Dispose();
        queue.Dispose();
        if (queue.Overflowed)
        {
            LogSlowConsumer(connection.Client);
            metrics.SlowConsumerTerminated(connection.Protocol);
            await sink.NextAsync(EventPayload.Serialize(serializer, StreamingErrors.SlowConsumer(limits), maxBytes).Json, ct);
        }
        else if (queue.Failure is { } failure)
        {
            await sink.NextAsync(EventPayload.Serialize(serializer, StreamingErrors.Result(failure), maxBytes).Json, ct);
        }

        await sink.CompleteAsync(ct);
    }

    /// <summary>Lets the overflow callback and the normal path both release the source, exactly once.</summary>
    private sealed class ReleaseOnce(IDisposable subscription) : IDisposable
    {
        private IDisposable? _subscription = subscription;

        public void Dispose() => Interlocked.Exchange(ref _subscription, null)?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber of {Client} fell behind beyond its queue limits; its subscription was stopped (SLOW_CONSUMER)")]
    private partial void LogSlowConsumer(ClientAddress client);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A subscription of {Client} was refused: {Refusal}")]
    private partial void LogRefused(ClientAddress client, AdmissionRefusal refusal);
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Coco.Connectors.Observability;

/// <summary>
/// The server's own instruments (meter <see cref="CocoTelemetry.Name"/>); docs/operations.md lists them with their
/// meaning. Recording costs next to nothing while no exporter listens. Label values come from small fixed sets, or
/// (operation names) are bounded by <see cref="OperationNameLabels"/>, so a client cannot grow the series without end.
/// </summary>
public sealed class CocoMetrics
{
    private readonly Counter<long> _operations;
    private readonly Histogram<double> _operationDuration;
    private readonly Counter<long> _rejections;
    private readonly UpDownCounter<long> _webSockets;
    private readonly UpDownCounter<long> _subscriptions;
    private readonly UpDownCounter<long> _sseStreams;
    private readonly Counter<long> _slowConsumers;
    private readonly Counter<long> _eventsDispatched;
    private readonly Histogram<double> _dispatchDuration;
    private readonly Histogram<double> _storeCommandDuration;
    private readonly Counter<long> _rateLimited;

    public CocoMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(CocoTelemetry.Name);
        _operations = meter.CreateCounter<long>("coco.graphql.operations", "{operation}",
            "GraphQL operations by type, operation name and outcome (success, error, invalid, rejected).");
        _operationDuration = meter.CreateHistogram<double>("coco.graphql.operation.duration", "s",
            "Time to execute a GraphQL operation (for a subscription: until its stream is set up).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _rejections = meter.CreateCounter<long>("coco.graphql.rejections", "{operation}",
            "GraphQL requests refused before execution, by error code (limits, validation, syntax).");
        _webSockets = meter.CreateUpDownCounter<long>("coco.streaming.websockets.active", "{connection}",
            "Open GraphQL WebSocket connections by subprotocol.");
        _subscriptions = meter.CreateUpDownCounter<long>("coco.streaming.subscriptions.active", "{subscription}",
            "Running subscriptions by protocol (graphql-transport-ws, graphql-ws, sse).");
        _sseStreams = meter.CreateUpDownCounter<long>("coco.streaming.sse.active", "{stream}",
            "Open GraphQL server-sent event streams.");
        _slowConsumers = meter.CreateCounter<long>("coco.streaming.slow_consumer.terminations", "{subscription}",
            "Subscriptions stopped because their client fell behind (SLOW_CONSUMER), by protocol.");
        _eventsDispatched = meter.CreateCounter<long>("coco.subscriptions.events.dispatched", "{event}",
            "Connector changes handed to subscribers, by change kind.");
        _dispatchDuration = meter.CreateHistogram<double>("coco.subscriptions.dispatch.duration", "s",
            "From a change's commit until the last subscriber's event was written to its connection.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _storeCommandDuration = meter.CreateHistogram<double>("coco.store.command.duration", "s",
            "Database commands by operation (select, insert, update, delete, other).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _rateLimited = meter.CreateCounter<long>("coco.rate_limit.rejections", "{request}",
            "Requests refused by the rate limits (429, or a WebSocket closed with 4429), by bucket (token, address) and route (rest, graphql, sse, websocket).");
    }

    /// <summary>Bucket bounds in seconds, from half a millisecond to ten seconds: the range these durations live in.</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public void OperationExecuted(string type, string name, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "graphql.operation.type", type }, { "graphql.operation.name", name }, { "outcome", outcome } };
        _operations.Add(1, tags);
        _operationDuration.Record(duration.TotalSeconds, tags);
    }

    public void OperationRejected(string code) => _rejections.Add(1, new KeyValuePair<string, object?>("code", code));

    /// <summary>Counts one open WebSocket until the returned lease is disposed.</summary>
    public IDisposable WebSocketOpened(string protocol) => Track(_webSockets, protocol);

    /// <summary>Counts one running subscription until the returned lease is disposed.</summary>
    public IDisposable SubscriptionStarted(string protocol) => Track(_subscriptions, protocol);

    /// <summary>Counts one open SSE stream until the returned lease is disposed.</summary>
    public IDisposable SseStreamOpened() => new Lease(_sseStreams, default);

    public void SlowConsumerTerminated(string protocol) => _slowConsumers.Add(1, new KeyValuePair<string, object?>("protocol", protocol));

    public void EventDispatched(string kind) => _eventsDispatched.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void DispatchCompleted(TimeSpan sinceCommit, string kind) =>
        _dispatchDuration.Record(sinceCommit.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));

    public void StoreCommandExecuted(string operation, TimeSpan duration) =>
        _storeCommandDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("db.operation", operation));

    public void RateLimited(string bucket, string route) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>("bucket", bucket), new KeyValuePair<string, object?>("route", route));

    private static Lease Track(UpDownCounter<long> counter, string protocol) =>
        new(counter, new KeyValuePair<string, object?>("protocol", protocol));

    private sealed class Lease : IDisposable
    {
        private readonly UpDownCounter<long> _counter;
        private readonly KeyValuePair<string, object?> _tag;
        private int _released;

        public Lease(UpDownCounter<long> counter, KeyValuePair<string, object?> tag)
        {
            _counter = counter;
            _tag = tag;
            Add(1);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Add(-1);
            }
        }

        private void Add(long delta)
        {
            if (_tag.Key is null)
            {
                _counter.Add(delta);
            }
            else
            {
                _counter.Add(delta, _tag);
            }
        }
    }
}

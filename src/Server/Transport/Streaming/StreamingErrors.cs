using GraphQL;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>Errors the streaming transports report themselves, with stable <c>extensions.code</c> values.</summary>
internal static class StreamingErrors
{
    public const string SlowConsumerCode = "SLOW_CONSUMER";
    public const string TooManyOperationsCode = "TOO_MANY_OPERATIONS";
    public const string TooManySubscriptionsCode = "TOO_MANY_SUBSCRIPTIONS";
    public const string TooManyStreamsCode = "TOO_MANY_STREAMS";
    public const string ServerBusyCode = "SERVER_BUSY";
    public const string TooManySelectionsCode = "TOO_MANY_SELECTIONS";
    public const string ShuttingDownCode = "SHUTTING_DOWN";

    public static ExecutionResult SlowConsumer(GraphQLStreamingOptions limits) => Result(new ExecutionError(
        "The client fell behind: more events were waiting to be sent than the server keeps for a subscription "
        + $"(at most {limits.QueueSize} events and {limits.MaxQueuedBytesPerSubscription} bytes per subscription, "
        + $"{limits.MaxQueuedBytesPerConnection} bytes per connection). The subscription was stopped; subscribe again to resume.")
    { Code = SlowConsumerCode });

    /// <summary>Why an SSE subscription ends when the server stops: subscribe again, another instance will answer.</summary>
    public static ExecutionResult ShuttingDown() => Result(new ExecutionError(
        "The server is shutting down; the subscription was ended. Subscribe again to resume on another instance.")
    { Code = ShuttingDownCode });

    public static ExecutionResult TooManyOperations(int max) => Result(new ExecutionError(
        $"Too many operations on this connection: at most {max} may run at the same time.")
    { Code = TooManyOperationsCode });

    /// <summary>A subscription, SSE stream or WebSocket refused by a cap: what it was, who hit which limit.</summary>
    public static ExecutionResult Refused(StreamKind kind, AdmissionRefusal refusal, int limit) => Result(refusal == AdmissionRefusal.ClientLimit
        ? new ExecutionError($"Too many {Describe(kind)} from this client: at most {limit} may be open at the same time.")
        {
            Code = kind == StreamKind.Subscription ? TooManySubscriptionsCode : TooManyStreamsCode,
        }
        : new ExecutionError($"The server has as many {Describe(kind)} open as it allows ({limit}); try again later.")
        {
            Code = ServerBusyCode,
        });

    /// <summary>A subscription refused because it would add one more distinct selection than allowed.</summary>
    public static ExecutionResult SelectionRefused(AdmissionRefusal refusal, int limit) => Result(refusal == AdmissionRefusal.ClientLimit
        ? new ExecutionError($"Too many different subscription selections from this client: at most {limit} distinct documents, "
            + "operations and variables may run at the same time (every event is resolved once per selection). "
            + "Reuse one document for the same data (aliases make documents different), or watch many connectors with one onConnectorChanged(where:).")
        {
            Code = TooManySelectionsCode,
        }
        : new ExecutionError($"The server runs as many different subscription selections as it allows ({limit}); try again later.")
        {
            Code = ServerBusyCode,
        });

    public static ExecutionResult Result(ExecutionError error) => new() { Errors = [error] };

    private static string Describe(StreamKind kind) => kind switch
    {
        StreamKind.WebSocket => "WebSocket connections",
        StreamKind.EventStream => "event streams",
        _ => "subscriptions",
    };
}

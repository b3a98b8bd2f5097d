using GraphQL;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>Errors the streaming transports report themselves, with stable <c>extensions.code</c> values.</summary>
internal static class StreamingErrors
{
    public const string SlowConsumerCode = "SLOW_CONSUMER";
    public const string TooManyOperationsCode = "TOO_MANY_OPERATIONS";

    public static ExecutionResult SlowConsumer(int queueSize) => Result(new ExecutionError(
        $"The client fell behind: more than {queueSize} events were waiting to be sent. "
        + "The subscription was stopped; subscribe again to resume.")
    { Code = SlowConsumerCode });

    public static ExecutionResult TooManyOperations(int max) => Result(new ExecutionError(
        $"Too many operations on this connection: at most {max} may run at the same time.")
    { Code = TooManyOperationsCode });

    public static ExecutionResult Result(ExecutionError error) => new() { Errors = [error] };
}

using GraphQL;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>Where one operation's results go: a WebSocket subprotocol or an SSE response.</summary>
internal interface IOperationSink
{
    /// <summary>
    /// One result, already serialized (<c>{"data":…}</c>): the single result of a query or mutation, or one
    /// subscription event. The bytes may be shared with other subscribers: send them, never change them.
    /// </summary>
    Task NextAsync(ReadOnlyMemory<byte> resultJson, CancellationToken ct);

    /// <summary>The request failed before execution (syntax, validation) or was refused; nothing else follows.</summary>
    Task ErrorAsync(ExecutionResult result, CancellationToken ct);

    /// <summary>The operation has ended; nothing else follows.</summary>
    Task CompleteAsync(CancellationToken ct);
}

using GraphQL;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>Where one operation's results go: a WebSocket subprotocol or an SSE response.</summary>
internal interface IOperationSink
{
    /// <summary>One result: the single result of a query or mutation, or one subscription event.</summary>
    Task NextAsync(ExecutionResult result, CancellationToken ct);

    /// <summary>The request failed before execution (syntax, validation); nothing else follows.</summary>
    Task ErrorAsync(ExecutionResult result, CancellationToken ct);

    /// <summary>The operation has ended; nothing else follows.</summary>
    Task CompleteAsync(CancellationToken ct);
}

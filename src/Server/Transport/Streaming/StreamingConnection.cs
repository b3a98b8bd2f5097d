namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// One client connection (a WebSocket or an SSE stream) as the operations on it see it: the client it counts against
/// and the bytes all its subscriptions may have queued between them.
/// </summary>
internal sealed class StreamingConnection(ClientAddress client, long maxQueuedBytes, bool countsSubscriptions, string protocol)
{
    public ClientAddress Client => client;

    /// <summary>The subprotocol (or <c>sse</c>), as the metrics label it.</summary>
    public string Protocol => protocol;

    public ByteBudget QueuedBytes { get; } = new(maxQueuedBytes);

    /// <summary>
    /// Whether each subscription on it takes a slot of the client's subscription cap; false for an SSE stream, which
    /// took that slot when it was admitted.
    /// </summary>
    public bool CountsSubscriptions => countsSubscriptions;
}

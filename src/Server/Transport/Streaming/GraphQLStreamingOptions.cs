namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// Limits and timings of the streaming transports (WebSocket and SSE), bound from <c>GraphQL:Streaming</c>.
/// </summary>
public sealed class GraphQLStreamingOptions
{
    public const string SectionName = "GraphQL:Streaming";

    /// <summary>How long a new WebSocket may wait before sending <c>connection_init</c> (then: close 4408).</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the server shows it is alive: <c>ping</c> (graphql-transport-ws), <c>ka</c> (graphql-ws),
    /// a comment line (SSE) and WebSocket ping frames. Proxies drop idle connections, so keep it well under a minute.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Events one subscription may have waiting for a slow client. When full, the subscription ends with a
    /// <c>SLOW_CONSUMER</c> error: memory per subscriber stays bounded and no event is dropped without notice.
    /// </summary>
    public int QueueSize { get; set; } = 256;

    /// <summary>Largest WebSocket message or SSE request body accepted, in bytes.</summary>
    public int MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>Operations one WebSocket may run at the same time.</summary>
    public int MaxOperationsPerConnection { get; set; } = 200;

    /// <summary>
    /// Bytes of serialized events one subscription may have waiting for its client (the event being written
    /// included). Beyond it the subscription ends with <c>SLOW_CONSUMER</c>. An event reaching an idle subscription is
    /// always taken, so one event larger than the budget still gets through to a client that keeps up.
    /// </summary>
    public long MaxQueuedBytesPerSubscription { get; set; } = 2 * 1024 * 1024;

    /// <summary>The same, summed over the subscriptions of one WebSocket (or one SSE stream).</summary>
    public long MaxQueuedBytesPerConnection { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// The same over the whole server, counting an event shared by many subscribers once: the memory all waiting
    /// events may take together.
    /// </summary>
    public long MaxQueuedBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>Open WebSockets from one client (one IPv4 address or IPv6 /64); more are closed with 4429.</summary>
    public int MaxWebSocketsPerClient { get; set; } = 100;

    /// <summary>Open WebSockets on the server; more are closed with 1013 (try again later).</summary>
    public int MaxWebSockets { get; set; } = 10_000;

    /// <summary>Open SSE streams from one client; more are answered 429.</summary>
    public int MaxSseStreamsPerClient { get; set; } = 100;

    /// <summary>Open SSE streams on the server; more are answered 503.</summary>
    public int MaxSseStreams { get; set; } = 10_000;

    /// <summary>Running subscriptions of one client over all its connections (every SSE stream counts as one).</summary>
    public int MaxSubscriptionsPerClient { get; set; } = 1_000;

    /// <summary>Running subscriptions on the server.</summary>
    public int MaxSubscriptions { get; set; } = 50_000;

    /// <summary>
    /// Distinct selections (document, operation, variables) among one client's running subscriptions; each is executed
    /// and serialized once per event, so this bounds what one event costs for one client.
    /// </summary>
    public int MaxSelectionsPerClient { get; set; } = 100;

    /// <summary>Distinct selections among all running subscriptions on the server.</summary>
    public int MaxSelections { get; set; } = 2_000;

    /// <summary>
    /// Bytes of subscription events one write may produce for one client, summed over its distinct selections (each
    /// resolves the event on its own). Beyond it, the client's remaining selections get <c>EVENT_FAN_OUT_EXCEEDED</c>
    /// for that write instead of being resolved; their subscriptions go on.
    /// </summary>
    public long MaxEventBytesPerClient { get; set; } = 16 * 1024 * 1024;

    /// <summary>The same for all clients together: what one write may cost the server in events (beyond it: <c>SERVER_BUSY</c>).</summary>
    public long MaxEventBytesPerWrite { get; set; } = 64 * 1024 * 1024;
}

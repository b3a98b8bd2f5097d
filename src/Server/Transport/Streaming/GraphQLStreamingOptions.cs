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
}

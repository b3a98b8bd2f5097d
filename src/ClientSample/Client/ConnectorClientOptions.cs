namespace Coco.Connectors.Client;

/// <summary>Where the server is and how the client talks to it. Defaults suit a server on the same network.</summary>
public sealed class ConnectorClientOptions
{
    /// <summary>The server's base address; GraphQL is at <c>{BaseAddress}/graphql</c> (HTTP) and <c>ws(s)://…/graphql</c>.</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:9000/");

    /// <summary>
    /// An API token, sent as <c>X-API-TOKEN</c> on every HTTP request and WebSocket upgrade, and as
    /// <c>connection_init</c>'s payload key of the same name. Null sends none (the server does not ask yet).
    /// </summary>
    public string? ApiToken { get; set; }

    /// <summary>After this much silence on a subscription's socket the client sends a <c>ping</c>.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the client waits for any message after its <c>ping</c> before it treats the connection as lost.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long connecting, <c>connection_init</c> and its <c>connection_ack</c> may take together.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first reconnection; it doubles with each failed attempt up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failed reconnections in a row after which a subscription gives up with a <see cref="GraphQLTransportException"/>.</summary>
    public int MaxReconnectAttempts { get; set; } = 10;

    /// <summary>The largest WebSocket message the client accepts (a subscription event), to bound its memory.</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    public Uri GraphQLEndpoint => new(WithSlash(BaseAddress), "graphql");

    public Uri WebSocketEndpoint
    {
        get
        {
            var builder = new UriBuilder(GraphQLEndpoint);
            builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
            return builder.Uri;
        }
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}

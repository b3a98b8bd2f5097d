using System.Net.WebSockets;

namespace Coco.Connectors.Server.Transport.WebSockets;

/// <summary>The GraphQL-over-WebSocket close codes (graphql-transport-ws; used by the legacy protocol too).</summary>
internal static class CloseCodes
{
    public const WebSocketCloseStatus BadMessage = (WebSocketCloseStatus)4400;
    public const WebSocketCloseStatus Unauthorized = (WebSocketCloseStatus)4401;
    public const WebSocketCloseStatus InitTimeout = (WebSocketCloseStatus)4408;
    public const WebSocketCloseStatus SubscriberExists = (WebSocketCloseStatus)4409;
    public const WebSocketCloseStatus TooManyInitRequests = (WebSocketCloseStatus)4429;

    /// <summary>This client has as many sockets open as it may (4000 + HTTP 429, as for the init rule above).</summary>
    public const WebSocketCloseStatus TooManyConnections = (WebSocketCloseStatus)4429;

    /// <summary>The server has as many sockets open as it may: RFC 6455's "Try Again Later", which clients retry.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    /// <summary>The server is shutting down: RFC 6455's "Going Away", after which clients reconnect and subscribe again.</summary>
    public const WebSocketCloseStatus GoingAway = WebSocketCloseStatus.EndpointUnavailable;

    public const string GoingAwayReason = "Going Away: the server is shutting down.";
}

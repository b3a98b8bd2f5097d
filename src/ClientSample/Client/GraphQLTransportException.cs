using System.Net;
using System.Net.WebSockets;

namespace Coco.Connectors.Client;

/// <summary>
/// The request did not get a GraphQL answer: the server could not be reached, answered with an HTTP error that
/// is not GraphQL, or closed the subscription's socket for good (or too often in a row).
/// </summary>
public sealed class GraphQLTransportException : ConnectorClientException
{
    /// <summary>The server could not be reached.</summary>
    public const string ConnectionFailed = "CONNECTION_FAILED";

    /// <summary>The server did not answer in time.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>The WebSocket was closed and the client does not (or no longer) reconnect.</summary>
    public const string SocketClosed = "SOCKET_CLOSED";

    public GraphQLTransportException(string message, string code, Exception? innerException = null)
        : base(message, code, innerException)
    {
    }

    /// <summary>The HTTP status, when the server answered over HTTP.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The WebSocket close status the server sent, when it closed the socket.</summary>
    public WebSocketCloseStatus? CloseStatus { get; init; }

    public static GraphQLTransportException Http(HttpStatusCode status, string? reason) =>
        new($"The server answered HTTP {(int)status} {reason} without a GraphQL response.", "HTTP_" + (int)status) { StatusCode = status };
}

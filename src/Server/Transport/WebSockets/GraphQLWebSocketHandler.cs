using System.Net.WebSockets;
using Coco.Connectors.Observability;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Server.Hosting.Shutdown;
using Coco.Connectors.Server.RateLimits;
using Coco.Connectors.Server.Transport.Streaming;
using GraphQL;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.WebSockets;

/// <summary>Negotiates the subprotocol of a WebSocket upgrade and runs the connection until it closes.</summary>
internal sealed class GraphQLWebSocketHandler(
    OperationStreamer streamer,
    IGraphQLTextSerializer serializer,
    StreamingAdmission admission,
    IServiceScopeFactory scopes,
    IOptions<GraphQLStreamingOptions> options,
    DrainSignal drain,
    TokenDirectory directory,
    OperationRateLimit rateLimit,
    CocoMetrics metrics,
    ILogger<GraphQLWebSocketHandler> logger)
{
    /// <summary>Supported subprotocols, preferred first.</summary>
    public static readonly IReadOnlyList<string> SubProtocols = [GraphQLTransportWsProtocol.SubProtocol, ApolloWsProtocol.SubProtocol];

    public async Task HandleAsync(HttpContext context)
    {
        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var subProtocol = SubProtocols.FirstOrDefault(p => requested.Contains(p, StringComparer.Ordinal));
        if (subProtocol is null)
        {
            await RefuseAsync(context);
            return;
        }

        var client = ClientAddress.Of(context.Connection.RemoteIpAddress);
        using var slot = admission.TryAdmit(StreamKind.WebSocket, client, out var refusal);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(subProtocol);
        var connection = new WebSocketConnection(socket, options.Value.MaxMessageSize, logger);
        if (slot is null)
        {
            // Accepted only to say why: a browser cannot read the status of a refused upgrade, only a close code.
            await RefuseAsync(connection, refusal, context.RequestAborted);
            return;
        }

        using var open = metrics.WebSocketOpened(subProtocol);
        var limits = options.Value;
        var services = new ProtocolServices(streamer, serializer, scopes, limits,
            new StreamingConnection(client, limits.MaxQueuedBytesPerConnection, countsSubscriptions: true, subProtocol),
            new WebSocketAuth(CallerAccess.Of(context), directory), rateLimit.ForSocket(context), logger);
        await using SubscriptionServer server = subProtocol == GraphQLTransportWsProtocol.SubProtocol
            ? new GraphQLTransportWsProtocol(connection, services)
            : new ApolloWsProtocol(connection, services);
        // 1001 Going Away: both protocols' clients reconnect (to another instance) and subscribe again.
        using var shutdown = drain.StreamsEnding.Register(() => connection.Close(CloseCodes.GoingAway, CloseCodes.GoingAwayReason));
        server.Start();
        await connection.RunAsync(server.OnMessageAsync, context.RequestAborted);
    }

    /// <summary>
    /// Accepts an upgrade only to close it at once with <paramref name="status"/> (e.g. 4429 from the rate limits): a
    /// browser cannot read the status of a refused upgrade, only a close code.
    /// </summary>
    public async Task CloseAtOnceAsync(HttpContext context, WebSocketCloseStatus status, string reason)
    {
        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var subProtocol = SubProtocols.FirstOrDefault(p => requested.Contains(p, StringComparer.Ordinal));
        using var socket = await context.WebSockets.AcceptWebSocketAsync(subProtocol);
        var connection = new WebSocketConnection(socket, options.Value.MaxMessageSize, logger);
        connection.Close(status, reason);
        await connection.RunAsync(static _ => Task.CompletedTask, context.RequestAborted);
    }

    private Task RefuseAsync(WebSocketConnection connection, AdmissionRefusal refusal, CancellationToken aborted)
    {
        var (perClient, total) = admission.Limits(StreamKind.WebSocket);
        if (refusal == AdmissionRefusal.ClientLimit)
        {
            connection.Close(CloseCodes.TooManyConnections, $"Too many connections from this client (at most {perClient}).");
        }
        else
        {
            connection.Close(CloseCodes.TryAgainLater, $"The server has too many connections ({total}); try again later.");
        }

        return connection.RunAsync(static _ => Task.CompletedTask, aborted);
    }

    private static Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var message = $"Unsupported WebSocket subprotocol. Offer one of: {string.Join(", ", SubProtocols)}.";
        return context.Response.WriteAsJsonAsync(new
        {
            errors = new[] { new { message, extensions = new { code = "UNSUPPORTED_SUBPROTOCOL" } } },
        });
    }
}

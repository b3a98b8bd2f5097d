using System.Net.WebSockets;
using Coco.Connectors.Server.Transport.Streaming;
using GraphQL;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.WebSockets;

/// <summary>Negotiates the subprotocol of a WebSocket upgrade and runs the connection until it closes.</summary>
internal sealed class GraphQLWebSocketHandler(
    OperationStreamer streamer,
    IServiceScopeFactory scopes,
    IOptions<GraphQLStreamingOptions> options,
    IHostApplicationLifetime lifetime,
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

        // Resolved before accepting: without a GraphQL engine the upgrade fails as a plain 500.
        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        using var socket = await context.WebSockets.AcceptWebSocketAsync(subProtocol);
        var connection = new WebSocketConnection(socket, options.Value.MaxMessageSize, logger);
        var services = new ProtocolServices(streamer, serializer, scopes, options.Value, logger);
        await using SubscriptionServer server = subProtocol == GraphQLTransportWsProtocol.SubProtocol
            ? new GraphQLTransportWsProtocol(connection, services)
            : new ApolloWsProtocol(connection, services);
        using var shutdown = lifetime.ApplicationStopping.Register(
            () => connection.Close(WebSocketCloseStatus.EndpointUnavailable, "The server is shutting down."));
        server.Start();
        await connection.RunAsync(server.OnMessageAsync, context.RequestAborted);
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

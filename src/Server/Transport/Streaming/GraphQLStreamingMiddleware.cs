using Coco.Connectors.Server.Auth;
using Coco.Connectors.Server.Transport.Sse;
using Coco.Connectors.Server.Transport.WebSockets;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>Takes the streaming requests of the GraphQL path and lets everything else through.</summary>
internal sealed class GraphQLStreamingMiddleware(
    RequestDelegate next,
    PathString path,
    GraphQLWebSocketHandler webSockets,
    GraphQLSseHandler sse,
    BrowserOrigins origins)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!IsGraphQLPath(context.Request.Path))
        {
            return next(context);
        }

        var isWebSocket = context.WebSockets.IsWebSocketRequest;
        if ((isWebSocket || GraphQLSseHandler.IsEventStreamRequest(context.Request)) && !origins.Allows(context.Request))
        {
            // Browsers send no preflight for these: a foreign page would otherwise stream with the visitor's access.
            return BrowserOrigins.RefuseAsync(context);
        }

        if (isWebSocket)
        {
            return webSockets.HandleAsync(context);
        }

        return GraphQLSseHandler.IsEventStreamRequest(context.Request) ? sse.HandleAsync(context) : next(context);
    }

    // Routing treats "/graphql/" like "/graphql"; do the same so both transports answer on the same URLs.
    private bool IsGraphQLPath(PathString requestPath) =>
        requestPath.Equals(path, StringComparison.OrdinalIgnoreCase)
        || requestPath.Equals(path.Add("/"), StringComparison.OrdinalIgnoreCase);
}

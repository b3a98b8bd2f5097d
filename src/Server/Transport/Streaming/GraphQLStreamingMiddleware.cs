using Coco.Connectors.Server.Transport.Sse;
using Coco.Connectors.Server.Transport.WebSockets;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>Takes the streaming requests of the GraphQL path and lets everything else through.</summary>
internal sealed class GraphQLStreamingMiddleware(
    RequestDelegate next,
    PathString path,
    GraphQLWebSocketHandler webSockets,
    GraphQLSseHandler sse)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!IsGraphQLPath(context.Request.Path))
        {
            return next(context);
        }

        if (context.WebSockets.IsWebSocketRequest)
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

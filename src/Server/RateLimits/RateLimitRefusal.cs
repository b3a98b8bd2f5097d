using System.Globalization;
using System.Net.WebSockets;
using System.Threading.RateLimiting;
using Coco.Connectors.Observability;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Server.Hosting;
using Coco.Connectors.Server.Rest;
using Coco.Connectors.Server.Transport.Http;
using Coco.Connectors.Server.Transport.Sse;
using Coco.Connectors.Server.Transport.Streaming;
using Coco.Connectors.Server.Transport.WebSockets;
using GraphQL;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.RateLimits;

/// <summary>
/// Answers a request over its bucket with 429 and <c>Retry-After</c>, in the shape of the route it was sent to: Coco's
/// envelope on REST, a GraphQL error (<c>RATE_LIMITED</c>) on <c>/graphql</c> and its event streams, and a WebSocket
/// upgrade accepted only to be closed with 4429, since a browser cannot read the status of a refused upgrade.
/// </summary>
internal sealed class RateLimitRefusal(IOptions<RateLimitOptions> options, GraphQLWebSocketHandler webSockets, CocoMetrics metrics)
{
    public const string Code = "RATE_LIMITED";

    /// <summary>graphql-transport-ws's 4000 + HTTP status convention, as for the per-client socket cap.</summary>
    public const WebSocketCloseStatus CloseStatus = (WebSocketCloseStatus)4429;

    public async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var byToken = CallerAccess.Of(context) is { HasToken: true };
        var bucket = byToken ? options.Value.PerToken : options.Value.PerAddress;
        var retryAfter = RetryAfterSeconds(rejected.Lease, bucket);
        var reason = Reason(byToken, bucket, retryAfter);
        var route = RouteOf(context);
        metrics.RateLimited(byToken ? "token" : "address", route);
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        switch (route)
        {
            case "websocket":
                await webSockets.CloseAtOnceAsync(context, CloseStatus, reason);
                break;
            case "graphql":
            case "sse":
                await WriteGraphQLErrorAsync(context, route, reason, ct);
                break;
            default:
                await CocoResponses.Error(StatusCodes.Status429TooManyRequests, "rate_limited", reason).ExecuteAsync(context);
                break;
        }
    }

    /// <summary>The lease's own estimate (when enough permits will be back), in whole seconds, at least one.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease, RateLimitBucket bucket)
    {
        var after = lease.TryGetMetadata(MetadataName.RetryAfter, out var estimate) ? estimate : bucket.ReplenishmentPeriod;
        return (int)Math.Clamp(Math.Ceiling(after.TotalSeconds), 1, int.MaxValue);
    }

    public static string Reason(bool byToken, RateLimitBucket bucket, int retryAfter) => string.Create(CultureInfo.InvariantCulture,
        $"Too many requests {(byToken ? "with this API token" : "from this client")}: at most {bucket.PermitLimit} in a burst and "
        + $"{bucket.TokensPerPeriod} more every {bucket.ReplenishmentPeriod.TotalSeconds:0.###} s. Retry after {retryAfter} s.");

    private static string RouteOf(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(ServerComposition.GraphQLPath, StringComparison.OrdinalIgnoreCase, out var rest) || rest.Value is { Length: > 1 })
        {
            return "rest";
        }

        return context.WebSockets.IsWebSocketRequest ? "websocket"
            : GraphQLSseHandler.IsEventStreamRequest(context.Request) ? "sse"
            : "graphql";
    }

    // GraphQL over HTTP: refused before the request is read, like a 413 or 415, so 429 under either response type. An
    // event stream is refused before it starts, as JSON (as the streaming caps do).
    private static Task WriteGraphQLErrorAsync(HttpContext context, string route, string reason, CancellationToken ct)
    {
        var responseType = route == "sse" ? GraphQLResponseType.Json : GraphQLMediaTypes.Negotiate(context.Request.Headers.Accept) ?? GraphQLResponseType.Json;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = GraphQLMediaTypes.ContentTypeOf(responseType);
        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        return serializer.WriteAsync(context.Response.Body, StreamingErrors.Result(new ExecutionError(reason) { Code = Code }), ct);
    }
}

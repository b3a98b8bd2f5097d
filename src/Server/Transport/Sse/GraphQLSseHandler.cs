using System.Text.Json;
using Coco.Connectors.Observability;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Server.Hosting.Shutdown;
using Coco.Connectors.Server.Transport.Http;
using Coco.Connectors.Server.Transport.Streaming;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Coco.Connectors.Server.Transport.Sse;

/// <summary>
/// GraphQL over server-sent events, graphql-sse "distinct connections" mode: one request, one operation, one stream.
/// Transport problems (bad JSON, wrong content type, too large) are answered as JSON before the stream starts;
/// once the request is readable the stream is accepted and GraphQL errors (validation too) travel inside it, as the
/// protocol requires, because EventSource-style clients cannot read the body of a failed response.
/// </summary>
internal sealed class GraphQLSseHandler(
    OperationStreamer streamer,
    IGraphQLTextSerializer serializer,
    StreamingAdmission admission,
    GraphQLHttpRequestReader reader,
    IOptions<GraphQLStreamingOptions> options,
    DrainSignal drain,
    CocoMetrics metrics)
{
    public const string EventStream = "text/event-stream";

    public static bool IsEventStreamRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method))
        && request.GetTypedHeaders().Accept.Any(a =>
            a.MediaType.Equals(EventStream, StringComparison.OrdinalIgnoreCase) && a.Quality is not <= 0);

    public async Task HandleAsync(HttpContext context)
    {
        // Caps first, before reading the request. A stream takes a subscription slot too, since it may carry one.
        var client = ClientAddress.Of(context.Connection.RemoteIpAddress);
        using var stream = admission.TryAdmit(StreamKind.EventStream, client, out var refusal);
        if (stream is null)
        {
            await RefuseAsync(context, serializer, StreamKind.EventStream, refusal);
            return;
        }

        using var subscription = admission.TryAdmit(StreamKind.Subscription, client, out refusal);
        if (subscription is null)
        {
            await RefuseAsync(context, serializer, StreamKind.Subscription, refusal);
            return;
        }

        using var open = metrics.SseStreamOpened();
        var isGet = HttpMethods.IsGet(context.Request.Method);
        if (!isGet && !GraphQLMediaTypes.IsJsonRequest(context.Request.ContentType))
        {
            await WriteProblemAsync(context, serializer, new HttpRequestProblem(StatusCodes.Status415UnsupportedMediaType,
                "UNSUPPORTED_MEDIA_TYPE", "Send the GraphQL request as 'Content-Type: application/json'."));
            return;
        }

        // The same reading rules as the plain HTTP endpoint: one reader, one set of answers for malformed requests.
        var (request, problem) = isGet
            ? reader.ReadQueryString(context.Request.Query)
            : await reader.ReadBodyAsync(context.Request, options.Value.MaxMessageSize, context.RequestAborted);
        if (request is null)
        {
            await WriteProblemAsync(context, serializer, problem!);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // Tells nginx-like proxies not to hold events back.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(context.RequestAborted);

        // Kestrel only buffers the headers on start: send them now, so the client sees the stream open before the
        // first event or keep-alive (which may be many seconds away).
        await response.Body.FlushAsync(context.RequestAborted);

        // The operation stops when the client leaves or the server shuts down; writes stop only when the client
        // leaves, so a shutdown can still tell the client why its stream ends.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, drain.StreamsEnding);
        using var events = new SseEventWriter(response, serializer, context.RequestAborted);
        var keepAlive = events.KeepAliveAsync(options.Value.KeepAliveInterval, stop.Token);

        // Queries only over GET, as on the plain HTTP endpoint; the request scope lives as long as the stream.
        var allowed = HttpMethods.IsGet(context.Request.Method)
            ? AllowedOperations.Query | AllowedOperations.Subscription
            : AllowedOperations.All;
        var goingAway = false;
        try
        {
            var connection = new StreamingConnection(client, options.Value.MaxQueuedBytesPerConnection, countsSubscriptions: false, "sse");
            await streamer.RunAsync(request, context.RequestServices, allowed, CallerAccess.UserContext(context), events, connection, stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && stop.IsCancellationRequested)
        {
            // The client went away (the subscription was disposed on the way out), or the server stops.
            goingAway = !context.RequestAborted.IsCancellationRequested;
        }
        finally
        {
            await stop.CancelAsync();
            await keepAlive;
        }

        if (goingAway)
        {
            await SayGoingAwayAsync(events, context.RequestAborted);
        }
    }

    // A next event with the reason (SHUTTING_DOWN), then complete: the client knows to subscribe again elsewhere.
    private static async Task SayGoingAwayAsync(SseEventWriter events, CancellationToken aborted)
    {
        try
        {
            await events.ErrorAsync(StreamingErrors.ShuttingDown(), aborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client left meanwhile.
        }
    }

    // 429 when this client holds its share, 503 when the server is full; as JSON, since no stream was started.
    private Task RefuseAsync(HttpContext context, IGraphQLTextSerializer serializer, StreamKind kind, AdmissionRefusal refusal)
    {
        var (perClient, total) = admission.Limits(kind);
        var clientLimit = refusal == AdmissionRefusal.ClientLimit;
        context.Response.StatusCode = clientLimit ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json; charset=utf-8";
        return serializer.WriteAsync(context.Response.Body, StreamingErrors.Refused(kind, refusal, clientLimit ? perClient : total), context.RequestAborted);
    }

    private static async Task WriteProblemAsync(HttpContext context, IGraphQLTextSerializer serializer, HttpRequestProblem problem)
    {
        context.Response.StatusCode = problem.StatusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        var result = StreamingErrors.Result(new ExecutionError(problem.Message) { Code = problem.Code });
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}

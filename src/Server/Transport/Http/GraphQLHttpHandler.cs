using System.Globalization;
using Coco.Connectors.GraphQLApi;
using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Server.Playground;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.Http;

/// <summary>
/// The GraphQL-over-HTTP rules: content negotiation, status codes per response media type, request shape checks and
/// limits. Execution itself is <see cref="GraphQLRunner"/>'s, shared with the other transports.
/// </summary>
public sealed class GraphQLHttpHandler(
    GraphQLRunner runner,
    GraphQLHttpRequestReader reader,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLHttpOptions> options,
    IOptions<GraphQLLimitsOptions> limits,
    IOptions<AuthOptions> auth,
    ISchema schema,
    PlaygroundPage playground)
{
    // Large responses in flight finish within seconds; a short pause is enough for their bytes to be returned.
    private const string RetryAfterSeconds = "1";

    private readonly Lazy<string> _sdl = new(() => SchemaSdl.Print(schema));

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteProblemAsync(http, GraphQLResponseType.Json, new HttpRequestProblem(StatusCodes.Status405MethodNotAllowed,
                "METHOD_NOT_ALLOWED", $"{request.Method} is not supported here; use POST (or GET for queries)."));
            return;
        }

        if (isGet && request.Query.ContainsKey("sdl"))
        {
            // The SDL is introspection in another form: the same rule applies.
            if (CallerAccess.Of(http) is null && !auth.Value.AnonymousIntrospection)
            {
                await WriteProblemAsync(http, GraphQLResponseType.Json, new HttpRequestProblem(StatusCodes.Status401Unauthorized,
                    FieldPermissionRule.NotAuthenticatedCode, "The schema needs an API token (X-API-TOKEN or Authorization: Bearer)."));
                return;
            }

            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(_sdl.Value, http.RequestAborted);
            return;
        }

        if (isGet && !request.Query.ContainsKey("query") && GraphQLMediaTypes.Names(request.Headers.Accept, "text/html"))
        {
            await playground.WriteAsync(http, request.Path);
            return;
        }

        if (GraphQLMediaTypes.Negotiate(request.Headers.Accept) is not { } responseType)
        {
            await WriteProblemAsync(http, GraphQLResponseType.Json, new HttpRequestProblem(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE",
                $"None of the media types in Accept can be served; accept {GraphQLMediaTypes.GraphQLResponseJson} or {GraphQLMediaTypes.Json}."));
            return;
        }

        if (!isGet && !GraphQLMediaTypes.IsJsonRequest(request.ContentType))
        {
            await WriteProblemAsync(http, responseType, new HttpRequestProblem(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"The request body must be {GraphQLMediaTypes.Json} (UTF-8); got '{request.ContentType ?? "no Content-Type"}'."));
            return;
        }

        var (graphQLRequest, problem) = isGet
            ? reader.ReadQueryString(request.Query)
            : await reader.ReadBodyAsync(request, options.Value.MaxRequestBodyBytes, http.RequestAborted);
        if (problem is not null)
        {
            await WriteProblemAsync(http, responseType, problem);
            return;
        }

        var allowed = isGet ? AllowedOperations.Query : AllowedOperations.QueryAndMutation;
        var result = await runner.ExecuteAsync(graphQLRequest!, http.RequestServices, allowed, CallerAccess.UserContext(http), http.RequestAborted,
            http.Response.RegisterForDispose);
        var status = StatusCodeFor(result, responseType);
        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            http.Response.Headers.Allow = "POST";
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        await WriteAsync(http, status, responseType, result);
    }

    /// <summary>
    /// GraphQL over HTTP §Status Codes. A request error (unparsable or invalid document, unknown operation, variable
    /// coercion failure) is 400 under graphql-response+json and 200 under application/json. Once executed it is 200,
    /// even when a field error left <c>data</c> null (a partial response, as the spec recommends). A mutation sent
    /// with GET is 405 under either type. A request stopped by the execution timeout is 504 under graphql-response+json,
    /// one stopped by the server-wide response budget (<c>SERVER_BUSY</c>) 503.
    /// </summary>
    private static int StatusCodeFor(ExecutionResult result, GraphQLResponseType responseType)
    {
        if (result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        var errors = result.Errors ?? [];
        if (errors.Any(e => e is OperationNotAllowedError { Kind: AllowedOperations.Mutation }))
        {
            return StatusCodes.Status405MethodNotAllowed;
        }

        if (responseType == GraphQLResponseType.Json)
        {
            return StatusCodes.Status200OK;
        }

        // Refused by the permission rule: the statuses HTTP has for it.
        if (errors.Any(e => e.Code == FieldPermissionRule.NotAuthenticatedCode))
        {
            return StatusCodes.Status401Unauthorized;
        }

        if (errors.Any(e => e.Code == FieldPermissionRule.NotAuthorizedCode))
        {
            return StatusCodes.Status403Forbidden;
        }

        if (errors.Any(e => e.Code == LimitCodes.ExecutionTimeout))
        {
            return StatusCodes.Status504GatewayTimeout;
        }

        // Refused for the load of other requests, not for this one: the client may retry as it is.
        if (errors.Any(e => e.Code == LimitCodes.ServerBusy))
        {
            return StatusCodes.Status503ServiceUnavailable;
        }

        // Not executed without a request error means the engine itself failed: not the client's fault.
        return errors.Count > 0 && errors.All(IsRequestError) ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
    }

    private static bool IsRequestError(ExecutionError error) =>
        error is RequestError or DocumentError or ScrubbedError { WasRequestError: true };

    private Task WriteProblemAsync(HttpContext http, GraphQLResponseType responseType, HttpRequestProblem problem)
    {
        var result = new ExecutionResult { Errors = [new ExecutionError(problem.Message) { Code = problem.Code }] };
        return WriteAsync(http, problem.StatusCode, responseType, result);
    }

    /// <summary>
    /// Serializes into memory first, up to <see cref="GraphQLLimitsOptions.MaxResponseBytes"/>: a bigger result is
    /// replaced by a <c>RESPONSE_TOO_LARGE</c> request error while the status can still say so.
    /// </summary>
    private async Task WriteAsync(HttpContext http, int status, GraphQLResponseType responseType, ExecutionResult result)
    {
        var maxBytes = limits.Value.MaxResponseBytes;
        using var body = new ResponseBuffer(maxBytes);
        try
        {
            await serializer.WriteAsync(body, result, http.RequestAborted);
        }
        catch (ResponseTooLargeException)
        {
            body.SetLength(0);
            var tooLarge = new ExecutionResult
            {
                Errors = [new RequestLimitError(LimitCodes.ResponseTooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"The response would be larger than the {maxBytes:N0} bytes allowed; ask for fewer items or fields."), maxBytes)],
            };
            status = StatusCodeFor(tooLarge, responseType);
            await serializer.WriteAsync(body, tooLarge, http.RequestAborted);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = GraphQLMediaTypes.ContentTypeOf(responseType);
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), http.RequestAborted);
    }
}

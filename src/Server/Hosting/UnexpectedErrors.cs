using System.Text.Json.Nodes;
using Coco.Connectors.Secrets;
using Coco.Connectors.Storage;
using Coco.Connectors.Server.Rest;
using Microsoft.AspNetCore.Diagnostics;

namespace Coco.Connectors.Server.Hosting;

/// <summary>
/// The last line of defence: an exception nobody handled becomes a generic error body (details only in the log),
/// a malformed HTTP request keeps its own 4xx status instead of turning into a 500, and a store that is busy, full or
/// gone is a 503 (507 when full) that says so. The body has the shape the route's clients read: Coco's envelope on
/// REST, GraphQL's <c>errors</c> (with <c>extensions.code</c>) on /graphql.
/// </summary>
public sealed class UnexpectedErrors(ILogger<UnexpectedErrors> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        Answer answer;
        if (exception is BadHttpRequestException bad)
        {
            answer = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new Answer(bad.StatusCode, "payload_too_large", "REQUEST_TOO_LARGE", "the request body is too large")
                : new Answer(bad.StatusCode, "bad_request", "BAD_REQUEST", "the request could not be read");
        }
        else if (StoreFailures.Find(exception) is { } failure)
        {
            logger.LogWarning("Store failure on {Method} {Path}: {Code}", context.Request.Method, context.Request.Path, failure.Code);
            // A lock or an outage (e.g. PostgreSQL restarting) passes; a full disk needs an operator.
            if (failure.Kind != StoreFailureKind.Full)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            answer = new Answer(failure.Kind == StoreFailureKind.Full ? StatusCodes.Status507InsufficientStorage : StatusCodes.Status503ServiceUnavailable,
                failure.Code.ToLowerInvariant(), failure.Code, failure.Reason);
        }
        else
        {
            logger.LogError("Unhandled exception on {Method} {Path}: {Exception}",
                context.Request.Method, context.Request.Path, ExceptionLog.Describe(exception));
            answer = new Answer(StatusCodes.Status500InternalServerError, "internal_error", "INTERNAL_ERROR",
                "an unexpected error occurred; the server log has the details");
        }

        var result = context.Request.Path.StartsWithSegments(ServerComposition.GraphQLPath)
            ? GraphQLError(answer)
            : CocoResponses.Error(answer.Status, answer.RestType, answer.Reason);
        await result.ExecuteAsync(context);
        return true;
    }

    private static IResult GraphQLError(Answer answer) => Results.Json(new JsonObject
    {
        ["errors"] = new JsonArray(new JsonObject
        {
            ["message"] = char.ToUpperInvariant(answer.Reason[0]) + answer.Reason[1..] + ".",
            ["extensions"] = new JsonObject { ["code"] = answer.GraphQLCode },
        }),
    }, statusCode: answer.Status);

    private sealed record Answer(int Status, string RestType, string GraphQLCode, string Reason);
}

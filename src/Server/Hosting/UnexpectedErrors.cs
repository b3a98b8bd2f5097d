using Coco.Connectors.Secrets;
using Coco.Connectors.Server.Rest;
using Coco.Connectors.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Coco.Connectors.Server.Hosting;

/// <summary>
/// The last line of defence: an exception nobody handled becomes a generic error body (details only in the log),
/// a malformed HTTP request keeps its own 4xx status instead of turning into a 500, and a store that is busy, full or
/// gone is a 503 (507 when full) that says so.
/// </summary>
public sealed class UnexpectedErrors(ILogger<UnexpectedErrors> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        IResult result;
        if (exception is BadHttpRequestException bad)
        {
            result = CocoResponses.Error(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "payload_too_large" : "bad_request",
                bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the request body is too large" : "the request could not be read");
        }
        else if (StoreFailures.Find(exception) is { } failure)
        {
            logger.LogWarning("Store failure on {Method} {Path}: {Code}", context.Request.Method, context.Request.Path, failure.Code);
            result = StoreFailureResponse(context, failure);
        }
        else
        {
            logger.LogError("Unhandled exception on {Method} {Path}: {Exception}",
                context.Request.Method, context.Request.Path, ExceptionLog.Describe(exception));
            result = CocoResponses.Error(StatusCodes.Status500InternalServerError, "internal_error",
                "an unexpected error occurred; the server log has the details");
        }

        await result.ExecuteAsync(context);
        return true;
    }

    /// <summary>The REST answer for a store failure: Coco's envelope, 507 when full, otherwise 503.</summary>
    private static IResult StoreFailureResponse(HttpContext context, StoreFailure failure)
    {
        if (failure.Kind == StoreFailureKind.Busy)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return CocoResponses.Error(failure.Kind == StoreFailureKind.Full ? StatusCodes.Status507InsufficientStorage : StatusCodes.Status503ServiceUnavailable,
            failure.Code.ToLowerInvariant(), failure.Reason);
    }
}

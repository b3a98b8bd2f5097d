using Coco.Connectors.Secrets;
using Coco.Connectors.Storage;
using Coco.Connectors.Server.Rest;
using Microsoft.AspNetCore.Diagnostics;

namespace Coco.Connectors.Server.Hosting;

/// <summary>
/// The last line of defence: an exception nobody handled becomes a generic error body (details only in the log),
/// and a malformed HTTP request keeps its own 4xx status instead of turning into a 500.
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
        else if (StoreFailures.IsUnavailable(exception))
        {
            // An outage (e.g. PostgreSQL restarting), not a bug: one line, 503, and the client may retry.
            logger.LogWarning("The store is unavailable on {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, StoreFailures.Reason(exception));
            context.Response.Headers.RetryAfter = "1";
            result = CocoResponses.Error(StatusCodes.Status503ServiceUnavailable, "store_unavailable", StoreFailures.UnavailableMessage);
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
}

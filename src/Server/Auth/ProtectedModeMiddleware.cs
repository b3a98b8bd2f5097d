using Coco.Connectors.Server.Rest;

namespace Coco.Connectors.Server.Auth;

/// <summary>
/// While no API token exists, refuses every request from another machine with a reason that says how to open the
/// server (create a token, or set <c>Auth:AllowAnonymous</c>), instead of a bare 401.
/// </summary>
internal sealed class ProtectedModeMiddleware(RequestDelegate next, CallerAccess access)
{
    public const string Reason =
        "the server is in protected mode: no API token exists, so only clients on this machine are served. "
        + "Create a token (tokens create --name <name> --permissions <list>) and send it as X-API-TOKEN, "
        + "or set Auth:AllowAnonymous=true to serve everyone without one.";

    public Task InvokeAsync(HttpContext context)
    {
        if (!access.RefusedByProtectedMode(context))
        {
            return next(context);
        }

        return CocoResponses.Error(StatusCodes.Status403Forbidden, "protected_mode", Reason).ExecuteAsync(context);
    }
}

using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Auth;

/// <summary>
/// Which page origins may open a WebSocket or an event stream (browsers send no CORS preflight for those, so a page
/// on any site could otherwise drive the API with the visitor's network position): requests without an
/// <c>Origin</c> (non-browser clients), from the server's own origin, or from one in <c>Cors:Origins</c>.
/// </summary>
public sealed class BrowserOrigins(IOptions<BrowserOriginsOptions> options)
{
    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        return origin.Equals(own, StringComparison.OrdinalIgnoreCase)
            || options.Value.Origins.Any(o => origin.Equals(o.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }

    public static Task RefuseAsync(HttpContext context) =>
        Rest.CocoResponses.Error(StatusCodes.Status403Forbidden, "forbidden_origin",
            $"requests from the page origin '{context.Request.Headers.Origin}' are not allowed; add it to Cors:Origins to allow it").ExecuteAsync(context);
}

using System.Text.RegularExpressions;

namespace Coco.Connectors.Server.Playground;

/// <summary>Response headers for what this server sends to browsers: its pages and the playground's files.</summary>
internal static partial class BrowserSecurityHeaders
{
    /// <summary>For every playground response: the declared type is the type, and no other site may frame it.</summary>
    public static void ApplyCommon(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    /// <summary>
    /// The IDE: scripts, workers and requests only to this origin (HTTP and its WebSocket form); inline styles are
    /// allowed because the Monaco editor writes its own &lt;style&gt; elements at run time; fonts come embedded as data: URLs.
    /// </summary>
    public static void ApplyForIde(HttpContext http)
    {
        ApplyCommon(http.Response);
        var connect = "'self'";
        if (SafeHost().IsMatch(http.Request.Host.Value ?? ""))
        {
            // 'self' covers ws:/wss: only in newer browsers; naming them keeps subscriptions working everywhere.
            connect += $" ws://{http.Request.Host.Value} wss://{http.Request.Host.Value}";
        }

        http.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; " +
            $"font-src 'self' data:; img-src 'self' data:; connect-src {connect}; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        http.Response.Headers.CacheControl = "no-cache";
    }

    /// <summary>A page without scripts: nothing but its own inline style may load.</summary>
    public static void ApplyForStaticPage(HttpResponse response)
    {
        ApplyCommon(response);
        response.Headers.ContentSecurityPolicy =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        response.Headers.CacheControl = "no-cache";
    }

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")]
    private static partial Regex SafeHost();
}

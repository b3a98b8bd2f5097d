namespace Coco.Connectors.Server.Playground;

/// <summary>The frame of the server's script-free pages: readable in light and dark, no external resources.</summary>
internal static class StaticPageLayout
{
    public static string Render(string title, string body) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>{{title}}</title>
        <link rel="icon" href="data:,">
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1.25rem; }
        h1 { font-size: 1.6rem; margin-bottom: .25rem; }
        code { font-size: .9em; }
        ul { padding-left: 1.25rem; }
        li { margin: .35rem 0; }
        .muted { opacity: .7; }
        </style>
        </head>
        <body>
        {{body}}
        </body>
        </html>
        """;

    public static Task WriteAsync(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        BrowserSecurityHeaders.ApplyForStaticPage(http.Response);
        return http.Response.WriteAsync(html, http.RequestAborted);
    }
}

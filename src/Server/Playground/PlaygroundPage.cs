using System.Net;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Playground;

/// <summary>
/// What a browser gets at the GraphQL endpoint (and at <c>…/ui</c>): GraphiQL from the embedded bundle; a page saying
/// how to get it when the build had no Node.js; a pointer to the SDL when it is turned off.
/// </summary>
public sealed class PlaygroundPage(PlaygroundAssets assets, IOptions<PlaygroundOptions> options)
{
    /// <summary>The path of the playground's files below the GraphQL endpoint's path.</summary>
    public const string AssetsSegment = "/ui/assets";

    public async Task WriteAsync(HttpContext http, PathString graphQLPath)
    {
        var endpoint = WebUtility.HtmlEncode(http.Request.PathBase.Add(graphQLPath).Value ?? "/graphql");
        if (!options.Value.Enabled)
        {
            await StaticPageLayout.WriteAsync(http, StaticPageLayout.Render("Coco Connectors GraphQL", $"""
                <h1>Coco Connectors GraphQL</h1>
                <p>This is the GraphQL endpoint; its in-browser playground is turned off on this server
                (<code>Playground:Enabled</code> is false). The schema is at <a href="{endpoint}?sdl">{endpoint}?sdl</a>.</p>
                """));
            return;
        }

        if (!assets.IsBuilt)
        {
            await StaticPageLayout.WriteAsync(http, StaticPageLayout.Render("Coco Connectors GraphQL", $"""
                <h1>Coco Connectors GraphQL</h1>
                <p>The in-browser playground (GraphiQL) is not part of this build: the build bundles it from npm packages
                only where Node.js 20 or later is installed, and it was not found. Install Node.js with npm (for example
                <code>apt-get install nodejs npm</code>), run <code>dotnet build</code> or <code>dotnet run --project src/Server</code>
                again, and this page becomes the playground. The API works the same meanwhile: the schema is at
                <a href="{endpoint}?sdl">{endpoint}?sdl</a>, and queries are POSTed as <code>{"{"}"query": "…"{"}"}</code> to this address.</p>
                """));
            return;
        }

        var files = endpoint + AssetsSegment;
        var home = WebUtility.HtmlEncode(http.Request.PathBase.Add("/").Value);
        http.Response.ContentType = "text/html; charset=utf-8";
        BrowserSecurityHeaders.ApplyForIde(http);
        await http.Response.WriteAsync($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>Coco Connectors · GraphQL playground</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{files}/{assets.Style}">
            <script type="module" src="{files}/{assets.Script}"></script>
            </head>
            <body>
            <div id="graphiql" data-endpoint="{endpoint}" data-sdl="{endpoint}?sdl" data-home="{home}">
            <noscript><p>The GraphQL playground needs JavaScript. The schema is at <a href="{endpoint}?sdl">{endpoint}?sdl</a>.</p></noscript>
            </div>
            </body>
            </html>
            """, http.RequestAborted);
    }
}

using System.Net;
using Coco.Connectors.Server.Rest;
using Coco.Connectors.Server.Rest.OpenApi;
using Coco.Connectors.Server.Transport.Http;

namespace Coco.Connectors.Server.Playground;

/// <summary>
/// <c>GET /</c>: for a browser, a short page saying what this server is and where everything lives; for an API client,
/// a 404 in Coco's error envelope (there is no resource at the root).
/// </summary>
public sealed class LandingPage
{

    public Task WriteAsync(HttpContext http, PathString graphQLPath)
    {
        if (!GraphQLMediaTypes.Names(http.Request.Headers.Accept, "text/html"))
        {
            return CocoResponses.Error(StatusCodes.Status404NotFound, "not_found",
                $"nothing here: the GraphQL API is at {graphQLPath} and Coco's REST routes under /connector/").ExecuteAsync(http);
        }

        var root = http.Request.PathBase;
        string Link(string path) => WebUtility.HtmlEncode(root.Add(path).Value ?? path);
        var graphQL = Link(graphQLPath);
        var openApi = $"""<li>The REST routes described for tools: <a href="{Link(RestOpenApi.Route)}">OpenAPI document</a> (<code>{RestOpenApi.Route}</code>)</li>""";

        return StaticPageLayout.WriteAsync(http, StaticPageLayout.Render("Coco Connectors GraphQL", $"""
            <h1>Coco Connectors GraphQL</h1>
            <p class="muted">Manages Coco Server connectors — the records that say how Coco reaches Google Drive, GitHub,
            Confluence, databases and more — through GraphQL and Coco's own REST routes. Secrets in a connector's
            <code>config</code> are stored and never shown again.</p>
            <ul>
            <li><a href="{graphQL}"><strong>GraphQL playground</strong></a>: browse the schema, run queries and mutations,
            watch changes live. Programs POST to <code>{graphQL}</code>; WebSocket (<code>graphql-transport-ws</code>) and
            server-sent events use the same address.</li>
            <li>The schema as SDL: <a href="{graphQL}?sdl">view</a> · <a href="{graphQL}?sdl" download="schema.graphql">download schema.graphql</a></li>
            <li>Coco-compatible REST: <a href="{Link("/connector/_search")}"><code>GET /connector/_search</code></a>, and
            <code>POST /connector/</code>, <code>GET|PUT|DELETE /connector/{"{id}"}</code>, <code>POST /connector/_search</code></li>
            {openApi}
            <li>Health: <a href="{Link("/healthz")}"><code>/healthz</code></a> (200 when the store answers, 503 when it does not)</li>
            </ul>
            """));
    }
}

namespace Coco.Connectors.Server.Transport.Http;

/// <summary>What a browser gets at <c>GET /graphql</c> until the GraphiQL playground arrives with its own issue.</summary>
internal static class PlaygroundPlaceholderPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Coco Connectors GraphQL</title></head>
        <body>
        <h1>Coco Connectors GraphQL</h1>
        <p>This is the GraphQL endpoint. An in-browser playground is coming here soon.</p>
        <p>Until then: read the schema at <a href="?sdl">?sdl</a>, or POST <code>{"query": "…"}</code>
        with <code>Content-Type: application/json</code> to this address.</p>
        </body>
        </html>
        """;
}

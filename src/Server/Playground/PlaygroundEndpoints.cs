using Coco.Connectors.Server.Rest;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Playground;

/// <summary>
/// The browser side of the server: GraphiQL at <c>{graphql}/ui</c> (the GraphQL endpoint serves the same page to
/// browsers), its files at <c>{graphql}/ui/assets/{file}</c>, and the landing page at <c>/</c>.
/// </summary>
public static class PlaygroundEndpoints
{
    /// <summary>Hashed names change with the content, so a file can be cached for good.</summary>
    private const string Immutable = "public, max-age=31536000, immutable";

    public static IServiceCollection AddPlayground(this IServiceCollection services)
    {
        services.AddOptions<PlaygroundOptions>().BindConfiguration(PlaygroundOptions.Section);
        services.AddSingleton(_ => new PlaygroundAssets(typeof(PlaygroundAssets).Assembly));
        services.AddSingleton<PlaygroundPage>();
        services.AddSingleton<LandingPage>();
        return services;
    }

    public static IEndpointRouteBuilder MapPlayground(this IEndpointRouteBuilder app, string graphQLPath = "/graphql")
    {
        app.MapGet(graphQLPath + "/ui", (HttpContext http, PlaygroundPage page) => page.WriteAsync(http, graphQLPath))
            .WithDisplayName("GraphQL playground");
        app.MapMethods(graphQLPath + PlaygroundPage.AssetsSegment + "/{file}", [HttpMethods.Get, HttpMethods.Head],
                (HttpContext http, string file, PlaygroundAssets assets, IOptions<PlaygroundOptions> options) =>
                    options.Value.Enabled ? WriteAssetAsync(http, assets, file) : NotFoundAsync(http))
            .WithDisplayName("GraphQL playground files");
        app.MapGet("/", (HttpContext http, LandingPage page) => page.WriteAsync(http, graphQLPath))
            .WithDisplayName("Landing page");
        return app;
    }

    private static async Task WriteAssetAsync(HttpContext http, PlaygroundAssets assets, string file)
    {
        if (assets.Find(file) is not { } asset)
        {
            await NotFoundAsync(http);
            return;
        }

        var coding = AcceptEncoding.Choose(http.Request.GetTypedHeaders().AcceptEncoding, asset.Resources);
        var response = http.Response;
        BrowserSecurityHeaders.ApplyCommon(response);
        response.ContentType = asset.ContentType;
        response.Headers.CacheControl = Immutable;
        response.Headers.Vary = "Accept-Encoding";
        if (coding != PlaygroundAssets.Identity)
        {
            response.Headers.ContentEncoding = coding;
        }

        await using var content = assets.Open(asset, coding);
        response.ContentLength = content.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await content.CopyToAsync(response.Body, http.RequestAborted);
        }
    }

    private static Task NotFoundAsync(HttpContext http) =>
        CocoResponses.Error(StatusCodes.Status404NotFound, "not_found", "no such playground file").ExecuteAsync(http);
}

using Coco.Connectors.Server.Transport.Http;
using Coco.Connectors.Server.Transport.Persisted;

namespace Coco.Connectors.Server.Transport;

/// <summary>
/// The GraphQL transport as one capability: GraphQL over HTTP, WebSocket and SSE at one path, all executing through
/// one <see cref="GraphQLRunner"/> (parse cache, persisted and trusted documents, operation rules).
/// </summary>
public static class GraphQLTransport
{
    /// <summary>The runner, persisted documents, the HTTP transport and the streaming transports, with their options.</summary>
    public static IServiceCollection AddGraphQLTransport(this IServiceCollection services)
    {
        services.AddSingleton<ParsedDocumentCache>(_ => new ParsedDocumentCache());
        services.AddSingleton<GraphQLRunner>();
        services.AddPersistedDocuments();
        services.AddGraphQLHttp();
        services.AddGraphQLStreaming();
        return services;
    }

    /// <summary>
    /// Serves GraphQL at <paramref name="path"/>: WebSocket upgrades and <c>text/event-stream</c> requests in a
    /// middleware added here, plain HTTP as an endpoint. Call it where the streams belong in the pipeline: after the
    /// caller is known (auth, rate limits) and before routing.
    /// </summary>
    public static WebApplication MapGraphQLTransport(this WebApplication app, string path)
    {
        // Trusted documents load now, so a missing or broken file stops the start instead of the first request.
        app.Services.GetRequiredService<TrustedDocumentStore>();
        app.UseGraphQLStreaming(path);
        app.MapGraphQLHttp(path);
        return app;
    }
}

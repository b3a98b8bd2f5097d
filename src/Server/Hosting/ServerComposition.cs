using Coco.Connectors.GraphQL;
using Coco.Connectors.Server.Playground;
using Coco.Connectors.Server.Rest;
using Coco.Connectors.Server.Transport;
using Coco.Connectors.Server.Transport.Http;

namespace Coco.Connectors.Server.Hosting;

/// <summary>Everything the host adds on top of the connector domain: transports, routes, error handling.</summary>
public static class ServerComposition
{
    public static IServiceCollection AddServerServices(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<UnexpectedErrors>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JsonText.Encoder);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = RequestBody.HardCapBytes);
        services.AddConnectorGraphQL();
        services.AddSingleton<ParsedDocumentCache>(_ => new ParsedDocumentCache());
        services.AddSingleton<GraphQLRunner>();
        services.AddGraphQLHttp();
        services.AddGraphQLStreaming();
        services.AddPlayground();
        return services;
    }

    public static WebApplication MapServerEndpoints(this WebApplication app)
    {
        // Before routing, so that even a routing failure is answered with the generic error body.
        app.UseExceptionHandler();
        // WebSocket upgrades and text/event-stream requests on /graphql; everything else goes on to the endpoints.
        app.UseGraphQLStreaming("/graphql");
        app.UseRouting();
        app.MapHealthApi();
        app.MapConnectorApi();
        app.MapGraphQLHttp("/graphql");
        app.MapPlayground("/graphql");
        return app;
    }
}

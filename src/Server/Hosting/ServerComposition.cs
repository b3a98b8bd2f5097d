using Coco.Connectors.GraphQL;
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
        services.AddConnectorGraphQL();
        services.AddSingleton<ParsedDocumentCache>(_ => new ParsedDocumentCache());
        services.AddSingleton<GraphQLRunner>();
        services.AddGraphQLHttp();
        return services;
    }

    public static WebApplication MapServerEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.MapHealthApi();
        app.MapConnectorApi();
        app.MapGraphQLHttp("/graphql");
        return app;
    }
}
